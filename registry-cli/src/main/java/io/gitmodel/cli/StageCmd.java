package io.gitmodel.cli;

import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageChange;
import io.gitmodel.registry.StageChangeCommand;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Mixin;

/** Base of the stage-changing commands: applies the shared options, runs, prints the outcome. */
abstract class StageCmd extends BaseCmd {
    @Mixin
    StageOptions stageOptions;

    /** Builds the library command for this invocation. */
    abstract StageChangeCommand<?> command(Registry registry);

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            StageChangeCommand<?> command = command(registry).reason(stageOptions.reason);
            if (stageOptions.signingKey != null) {
                command.signingKey(signingKey(stageOptions.signingKey));
            }
            stageOptions.approvedBy.forEach(command::approvedBy);
            StageChange change = command.call();
            for (ModelEvent e : change.events()) {
                out().println(describe(e));
            }
            note("Stage commit " + change.commit().substring(0, 12) + " on stages/" + change.stage() + " ("
                    + change.event().signature().summary() + ")");
        }
    }

    static String describe(ModelEvent e) {
        String ref = e.model() + "@v" + e.version();
        String previous = e.previousVersion() > 0 ? " (was " + e.model() + "@v" + e.previousVersion() + ")" : "";
        return switch (e.action()) {
            case DEMOTE -> "demoted " + ref + " from " + e.stage();
            case RESTORE -> "restored " + ref + " from " + e.stage();
            case ARCHIVE -> "archived " + ref;
            case ROLLBACK -> "rolled back " + e.stage() + " to " + ref + previous;
            case PROMOTE -> "promoted " + ref + " to " + e.stage() + previous;
            case RELEASE -> "released " + ref + " to " + e.stage() + previous;
            case REGISTER -> "registered " + ref;
            case APPROVE -> "approved " + e.reason();
            case UNKNOWN -> "changed " + e.stage() + " (not a git-model change)";
        };
    }
}
