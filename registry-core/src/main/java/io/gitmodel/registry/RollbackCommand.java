package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;
import java.util.List;

/**
 * Puts back the version a single-slot stage held before the current one, following that stage's
 * own history (not "version minus one"). Entry rules are not re-checked: the version was in the
 * stage before, and a rollback must work in a minute. An archived version is not brought back.
 */
public final class RollbackCommand extends StageChangeCommand<RollbackCommand> {
    private final ModelName model;

    RollbackCommand(Registry registry, String model, StageName stage) {
        super(registry, stage, EventAction.ROLLBACK);
        this.model = ModelName.of(model);
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        List<Integer> held = c.held(model);
        if (held.isEmpty()) {
            throw new VersionNotFoundException(model + "@" + stage, stage + " holds no version of " + model + "; nothing to roll back");
        }
        int now = held.get(0);
        // what the stage held before the change that put the current version there (a merged request included)
        int previous = c.stages().heldBefore(c.head(), stage, model).stream().findFirst().orElse(0);
        if (previous == 0) {
            throw new VersionNotFoundException(model + "@" + stage, stage + " held no version of " + model + " before "
                    + model + "@v" + now + "; to remove it use: git-model demote " + model + " " + stage + " -m <reason>");
        }
        ModelVersion target = registry.resolve(ModelRef.of(model, previous));
        return planOne(c, Subject.entering(target), held, previous, now);
    }
}
