package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageChangeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Put a version into a stage: ONE signed commit on stages/<stage>.",
            "The stage's rules in registry.yaml are checked first: the stage it requires (production requires "
            + "staging), its gates, and that the version is not archived."})
final class PromoteCmd extends StageCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "The version, e.g. fraud@v3 or fraud@latest.")
    String ref;

    @Parameters(index = "1", paramLabel = "<stage>", description = "The stage, e.g. staging, production.")
    String stage;

    @Override
    StageChangeCommand<?> command(Registry registry) {
        return registry.promote(ref, stage);
    }
}
