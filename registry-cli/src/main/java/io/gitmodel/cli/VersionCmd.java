package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "version", mixinStandardHelpOptions = true, description = {"Print the git-model version and the Java runtime.",
    "--json prints {version, java: {version, vendor}}."})
final class VersionCmd extends BaseCmd {
    @Mixin
    OutputOptions output;

    @Override
    void run() {
        if (output.print(out(), Documents.about(Registry.libraryVersion(), System.getProperty("java.version"),
                System.getProperty("java.vendor")))) {
            return;
        }
        for (String line : new VersionProvider().getVersion()) {
            out().println(line);
        }
    }
}
