package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.PolicyEvaluator;
import io.gitmodel.registry.internal.policy.Violations;
import io.gitmodel.registry.internal.store.VersionDeleter;

/**
 * Deletes a version registered by mistake. Allowed only for a version that was never in any
 * stage and never published (its commit is on no remote-tracking branch): anything that was ever
 * staged is archived, never deleted. Its tag goes, the registry branch gets a commit that puts the
 * model's directory back to the newest version left and records the deletion in
 * {@code deleted.yaml}; the number is never reused, and the registration commit stays in history.
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
