package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;

/**
 * Retires a version into the multi-valued {@code archived} stage. Its tag, metadata and
 * artifacts stay: archived versions are kept forever. A version still held by a single-slot
 * stage (e.g. production) must leave it first, so nothing is silently taken out of service.
 */
public final class ArchiveCommand extends StageChangeCommand<ArchiveCommand> {
    private final ModelRef ref;

    ArchiveCommand(Registry registry, String ref) {
        super(registry, StageName.ARCHIVED, EventAction.ARCHIVE);
        this.ref = ModelRef.parse(ref);
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        ModelVersion v = registry.resolve(ref);
        return planOne(c, Subject.entering(v), c.held(v.name()), v.version(), 0);
    }
}
