package io.gitmodel.registry;

import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.store.AtomicRefUpdate;
import io.gitmodel.registry.internal.store.RegistryLayout;
import java.io.IOException;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

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
        for (String stage : registry.policy().stageNames()) {
            if (registry.stages().everHeld(stage, v.name(), v.version())) {
                throw new StageRuleViolationException(stage, "never delete staged versions", v.ref() + " was in " + stage
                        + "; versions that were ever staged are kept: archive it instead (git-model archive " + v.ref() + " -m <reason>)");
            }
        }
        String tagRef = RegistryLayout.tagRef(v.name(), v.version());
        try (RevWalk walk = new RevWalk(registry.repository())) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(v.commit()));
            for (Ref remote : registry.repository().getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
                if (remote.getObjectId() != null && walk.isMergedInto(commit, walk.parseCommit(remote.getObjectId()))) {
                    throw new StageRuleViolationException("", "never delete published versions", v.ref()
                            + " is published (it is on " + org.eclipse.jgit.lib.Repository.shortenRefName(remote.getName())
                            + "); published versions are never deleted: archive it instead");
                }
                walk.reset();
            }
            Ref tag = registry.repository().exactRef(tagRef);
            Person who = registry.identity();
            PersonIdent ident = new PersonIdent(who.name(), who.email(), registry.config().clock().instant(), ZoneOffset.UTC);
            AtomicRefUpdate.Outcome outcome = new AtomicRefUpdate(registry.repository())
                    .set(tagRef, tag.getObjectId(), ObjectId.zeroId())
                    .execute(ident, "git-model: delete " + v.ref());
            if (!outcome.applied()) {
                throw new ConcurrentUpdateException(tagRef, tag.getObjectId().name(), null, "tag " + v.ref()
                        + " changed while it was being deleted; nothing was deleted");
            }
            return v.ref();
        } catch (IOException e) {
            throw new RegistryIOException("cannot delete " + v.ref(), e);
        }
    }
}
