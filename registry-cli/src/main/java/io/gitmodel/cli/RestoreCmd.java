package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageChangeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restore", mixinStandardHelpOptions = true, description = "Take a version out of the archive.")
final class RestoreCmd extends StageCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "The version, e.g. fraud@v1.")
    String ref;

    @Override
    StageChangeCommand<?> command(Registry registry) {
        return registry.restore(ref);
    }
}
