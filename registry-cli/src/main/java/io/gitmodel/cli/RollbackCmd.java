package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageChangeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", header = "Put back the version a stage held before the current one.", mixinStandardHelpOptions = true,
        description = "Put back the version the stage held before the current one, following the stage's "
            + "own history (not version minus one). One signed commit; entry rules are not re-checked.")
final class RollbackCmd extends StageCmd {
    @Parameters(index = "0", paramLabel = "<name>", description = "The model.")
    String name;

    @Parameters(index = "1", paramLabel = "<stage>", description = "The stage, e.g. production.")
    String stage;

    @Override
    StageChangeCommand<?> command(Registry registry) {
        return registry.rollback(name, stage);
    }
}
