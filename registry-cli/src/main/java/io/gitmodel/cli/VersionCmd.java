package io.gitmodel.cli;

import picocli.CommandLine.Command;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the git-model version.")
final class VersionCmd extends BaseCmd {
    @Override
    void run() {
        for (String line : new VersionProvider().getVersion()) {
            out().println(line);
        }
    }
}
