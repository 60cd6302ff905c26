package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageChangeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "demote", header = "Remove a model from a stage.", mixinStandardHelpOptions = true,
        description = {"Remove a model from a stage: the stage then holds no version of it.",
            "For a multi-valued stage, name the version (fraud@v2)."})
final class DemoteCmd extends StageCmd {
    @Parameters(index = "0", paramLabel = "<name>", description = "The model, or a version for multi-valued stages.")
    String name;

    @Parameters(index = "1", paramLabel = "<stage>", description = "The stage.")
    String stage;

    @Override
    StageChangeCommand<?> command(Registry registry) {
        return registry.demote(name, stage);
    }
}
