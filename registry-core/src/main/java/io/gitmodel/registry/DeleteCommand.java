package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.PolicyEvaluator;
import io.gitmodel.registry.internal.policy.Violations;
import io.gitmodel.registry.internal.store.VersionDeleter;

/**
 * Deletes a version's tag, for a version registered by mistake. Allowed only for a version that
 * was never in any stage and never published (its commit is on no remote-tracking branch):
 * anything that was ever staged is archived, never deleted. The number is not reused, and the
 * registration commit stays in the registry branch's history.
 */
public final class DeleteCommand extends RegistryCommand<ModelRef> {
    private final Registry registry;
    private final ModelRef ref;

    DeleteCommand(Registry registry, String ref) {
        this.registry = registry;
        this.ref = ModelRef.parse(ref);
    }

    @Override
    public ModelRef call() throws RegistryException {
        checkCallable();
        ModelVersion v = registry.resolve(ref);
        Violations.throwFirst(new PolicyEvaluator(registry.policy()).checkDelete(v, registry.queries().stages()), "");
        VersionDeleter.delete(registry.store(), v);
        return v.ref();
    }
}
