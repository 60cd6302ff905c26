package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.format.DeletedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Deletes an unpublished version: in one atomic update its tag goes and a commit on the registry
 * branch puts the model's directory back to the newest version left (or removes it when none is
 * left) and records the version in {@code deleted.yaml}, so the branch never describes a version
 * that no longer exists and the number is never given out again. The registration commit stays in
 * the branch's history.
 */
public final class VersionDeleter {
    /** The subject prefix of a delete commit; its trailers are {@code Model} and {@code Deleted-Version}. */
    public static final String SUBJECT = "Delete ";
    public static final String TRAILER = "Deleted-Version";

    private VersionDeleter() {
    }

    /** @throws StageRuleViolationException if the version's commit is on a remote-tracking branch (published) */
    public static void delete(RegistryStore store, ModelVersion v) throws RegistryException {
        Repository repo = store.repository();
        refuseIfPublished(repo, v);
        RegistryReader reader = store.reader();
        String tagRef = RegistryLayout.tagRef(v.name(), v.version());
        ObjectId tag = Refs.get(repo, tagRef);
        ObjectId head = reader.head();
        Instant now = store.now();
        PersonIdent ident = RegistryStore.ident(store.identity(), now);
        ObjectId commit;
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            RevCommit parent = walk.parseCommit(head);
            TreeEditor tree = new TreeEditor(repo, parent.getTree());
            TreeMap<Integer, ObjectId> left = reader.versionTags(v.name());
            left.remove(v.version());
            int current = reader.numbering().currentVersion(v.name(), head);
            if (current == v.version() || !left.containsKey(current)) {
                // the branch describes the deleted version (or one deleted before): it goes back to the newest left
                tree.deleteTree(RegistryLayout.modelDir(v.name()));
                if (!left.isEmpty()) {
                    copyModelDirectory(repo, walk.parseCommit(left.lastEntry().getValue()), v.name(), tree);
                }
            }
            List<DeletedYaml.Entry> deleted = new ArrayList<>(reader.numbering().deleted(head));
            deleted.add(new DeletedYaml.Entry(v.name(), v.version(), v.commit(), now, store.identity().toString()));
            tree.put(DeletedYaml.FILE, DeletedYaml.write(deleted).getBytes(StandardCharsets.UTF_8), inserter);
            commit = VersionPublisher.insertCommit(inserter, tree.write(inserter), head, ident, message(v));
            inserter.flush();
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the commit deleting " + v.ref(), e);
        }
        AtomicRefUpdate.Outcome outcome = store.refUpdate()
                .set(store.branchRef(), head, commit)
                .set(tagRef, tag, ObjectId.zeroId())
                .execute(ident, "git-model: delete " + v.ref());
        if (!outcome.applied()) {
            throw new ConcurrentUpdateException(outcome.failedRef(), outcome.expected(), outcome.actualName(),
                    outcome.failedRef() + " changed while " + v.ref() + " was being deleted; nothing was deleted");
        }
        store.afterWrite();
    }

    private static void refuseIfPublished(Repository repo, ModelVersion v) throws RegistryException {
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
    }

    /** Puts every file of {@code models/<name>/} as {@code registration} has it into {@code tree}. */
    private static void copyModelDirectory(Repository repo, RevCommit registration, ModelName name, TreeEditor tree)
            throws IOException {
        String dir = RegistryLayout.modelDir(name);
        try (TreeWalk model = TreeWalk.forPath(repo, dir, registration.getTree()); TreeWalk files = new TreeWalk(repo)) {
            if (model == null) {
                return;
            }
            files.addTree(model.getObjectId(0));
            files.setRecursive(true);
            while (files.next()) {
                tree.putObject(dir + "/" + files.getPathString(), files.getFileMode(0), files.getObjectId(0));
            }
        }
    }

    /** {@code Delete fraud@v3}, with the trailers that tell a pull's renumbering what this commit is. */
    static String message(ModelVersion v) {
        return SUBJECT + v.ref() + "\n\n" + v.ref() + " was deleted before it was published; its number is never given out"
                + " again.\n\nModel: " + v.name() + "\n" + TRAILER + ": " + v.version() + "\n";
    }
}
