package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Deletes the tag of an unpublished version, by compare-and-swap. The registration commit stays
 * in the registry branch's history and the number is never given out again.
 */
public final class VersionDeleter {
    private VersionDeleter() {
    }

    /** @throws StageRuleViolationException if the version's commit is on a remote-tracking branch (published) */
    public static void delete(RegistryStore store, ModelVersion v) throws RegistryException {
        Repository repo = store.repository();
        String tagRef = RegistryLayout.tagRef(v.name(), v.version());
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(v.commit()));
            for (Map.Entry<String, ObjectId> remote : Refs.under(repo, Constants.R_REMOTES).entrySet()) {
                if (remote.getValue() != null && walk.isMergedInto(commit, walk.parseCommit(remote.getValue()))) {
                    throw new StageRuleViolationException("", "never delete published versions", v.name().value(), v.version(),
                            v.ref() + " is published (it is on " + remote.getKey() + "); published versions are never"
                                    + " deleted: archive it instead");
                }
                walk.reset();
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot delete " + v.ref(), e);
        }
        Person who = store.identity();
        ObjectId tag = Refs.get(repo, tagRef);
        AtomicRefUpdate.Outcome outcome = store.refUpdate().set(tagRef, tag, ObjectId.zeroId())
                .execute(RegistryStore.ident(who, store.now()), "git-model: delete " + v.ref());
        if (!outcome.applied()) {
            throw new ConcurrentUpdateException(tagRef, outcome.expected(), outcome.actualName(), "tag " + v.ref()
                    + " changed while it was being deleted; nothing was deleted");
        }
    }
}
