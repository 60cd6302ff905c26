package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;
import java.util.List;

/**
 * Puts a version into a stage: for a single-slot stage it replaces the version held there, for
 * a multi-valued one it joins the set. The stage's rules are checked first: the stage it
 * requires the version to have been in, its metric gates, and that the version is not archived.
 */
public final class PromoteCommand extends StageChangeCommand<PromoteCommand> {
    private final ModelRef ref;

    PromoteCommand(Registry registry, String ref, StageName stage) {
        super(registry, stage, EventAction.PROMOTE);
        this.ref = ModelRef.parse(ref);
    }

    @Override
    String subject() {
        return ref.toString();
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        ModelVersion v = registry.resolve(ref);
        List<Integer> before = c.held(v.name());
        int previous = c.rules().multiValued() || before.isEmpty() ? 0 : before.get(0);
        return planOne(c, Subject.entering(v), before, v.version(), previous);
    }
}
