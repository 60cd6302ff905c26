package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageChangeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "archive", header = "Retire a version into the archived stage.", mixinStandardHelpOptions = true,
        description = "Retire a version into the archived stage. It is kept forever with its artifacts; "
            + "a version still in a single-slot stage (production) must leave it first.")
final class ArchiveCmd extends StageCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "The version, e.g. fraud@v1.")
    String ref;

    @Override
    StageChangeCommand<?> command(Registry registry) {
        return registry.archive(ref);
    }
}
