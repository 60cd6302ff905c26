package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidReferenceException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;
import java.util.List;

/**
 * Removes a model from a stage: the stage then holds no version of it. For a multi-valued stage,
 * name the version ({@code fraud@v2}) to remove from the set. Restoring from the archive is
 * {@link Registry#restore(String)}.
 */
public final class DemoteCommand extends StageChangeCommand<DemoteCommand> {
    private final ModelRef target;

    DemoteCommand(Registry registry, String modelOrRef, StageName stage, EventAction action) {
        super(registry, stage, action);
        this.target = modelOrRef.contains("@") ? ModelRef.parse(modelOrRef) : ModelRef.latest(ModelName.of(modelOrRef));
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        ModelName model = target.name();
        List<Integer> held = c.held(model);
        if (held.isEmpty()) {
            throw new VersionNotFoundException(model + "@" + stage, stage + " holds no version of " + model + "; nothing to "
                    + action());
        }
        int removed;
        if (target.selector() instanceof ModelRef.Exact exact) {
            removed = exact.version();
        } else if (c.rules().multiValued()) {
            throw new InvalidReferenceException(target.toString(), stage + " holds a set of versions of " + model + " ("
                    + String.join(", ", held.stream().map(v -> model + "@v" + v).toList()) + "); name the one to " + action()
                    + ", e.g. " + model + "@v" + held.get(held.size() - 1));
        } else {
            removed = held.get(0);
        }
        return planOne(c, new Subject(model, removed, null), held, 0, removed);
    }
}
