package io.gitmodel.registry.internal.stage;

import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.sign.CommitSigner;
import io.gitmodel.registry.internal.store.AtomicRefUpdate;
import io.gitmodel.registry.internal.store.Refs;
import io.gitmodel.registry.internal.store.RegistryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes one stage change: a commit on {@code refs/heads/stages/<stage>} that sets or removes
 * model files, signed when a signer is given, published by compare-and-swap against the head the
 * change was planned on.
 *
 * <p>Together with the stage branch, the change moves {@link #STAGE_TIP}, a ref that names the
 * newest stage commit of any stage. Rules span stages (an archived version may not be promoted;
 * a version in production may not be archived), so every change compare-and-swaps this shared
 * ref too: two changes on different stages that raced are serialised and the loser re-plans.
 *
 * <p>The commit is signed before any object is written, so a signing failure leaves nothing.
 */
public final class StageWriter {
    /** The newest stage commit of any stage: the shared compare-and-swap point of stage changes. */
    public static final String STAGE_TIP = "refs/git-model/stage-tip";

    private final RegistryStore store;
    private final Repository repo;

    public StageWriter(RegistryStore store) {
        this.store = store;
        this.repo = store.repository();
    }

    /** Judges a written commit before it is published: throws to keep it unpublished. */
    @FunctionalInterface
    public interface CommitCheck {
        CommitCheck NONE = commit -> { };

        void check(org.eclipse.jgit.revwalk.RevCommit commit) throws RegistryException;
    }

    /** What a write did: the commit, and whether the refs moved to it (else which one had moved). */
    public record Written(ObjectId commit, AtomicRefUpdate.Outcome outcome) {
        public boolean published() {
            return outcome.applied();
        }
    }

    /** The current value of {@link #STAGE_TIP}, or null. */
    public ObjectId stageTip() throws RegistryException {
        return Refs.get(repo, STAGE_TIP);
    }

    /**
     * @param expectedHead the branch head the change was planned on, or null for a new stage branch
     * @param expectedTip the value of {@link #STAGE_TIP} the change was planned on, or null
     * @param files file name to new content, or to null to delete it
     * @param check judges the written commit (its signature, say) before any ref moves
     * @return the new commit, published; or, if the stage branch or the stage tip moved meanwhile,
     *     the commit (written but not published) and the ref that had moved
     */
    public Written write(StageName stage, ObjectId expectedHead, ObjectId expectedTip, Map<String, String> files, String message,
            PersonIdent ident, CommitSigner signer, CommitCheck check) throws RegistryException {
        ObjectId commit = commit(stage, expectedHead, files, message, ident, signer, check);
        return publish(stage, expectedHead, expectedTip, commit, ident, message);
    }

    /**
     * Writes a promotion request: the change a promotion would make on {@code head}, committed on
     * {@code requestRef} instead of the stage branch, which does not move.
     *
     * @param expectedRequest what {@code requestRef} holds now (null: it must not exist)
     */
    public Written writeRequest(StageName stage, ObjectId head, String requestRef, ObjectId expectedRequest,
            Map<String, String> files, String message, PersonIdent ident, CommitSigner signer, CommitCheck check)
            throws RegistryException {
        ObjectId commit = commit(stage, head, files, message, ident, signer, check);
        AtomicRefUpdate.Outcome outcome = store.refUpdate().set(requestRef, expectedRequest, commit)
                .execute(ident, "git-model: request " + message.lines().findFirst().orElse(""));
        return new Written(commit, outcome);
    }

    /**
     * Writes an approval: a commit on top of the request's tip that changes no file.
     *
     * @param expected what {@code requestRef} holds now (null: the request is a remote's copy, not yet here)
     */
    public Written writeApproval(String requestRef, ObjectId expected, ObjectId requestTip, String message, PersonIdent ident,
            CommitSigner signer, CommitCheck check) throws RegistryException {
        ObjectId commit;
        try (RevWalk walk = new RevWalk(repo)) {
            CommitBuilder builder = builder(walk.parseCommit(requestTip).getTree(), List.of(requestTip), message, ident);
            commit = insert(builder, Map.of(), null, ident, signer, check);
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the approval on " + requestRef, e);
        }
        AtomicRefUpdate.Outcome outcome = store.refUpdate().set(requestRef, expected, commit)
                .execute(ident, "git-model: " + message.lines().findFirst().orElse("approve"));
        return new Written(commit, outcome);
    }

    /**
     * Merges a request into its stage: a merge commit whose first parent is the stage head and
     * whose second is the request's tip, with the request's files. Published like any stage change.
     */
    public Written writeMerge(StageName stage, ObjectId head, ObjectId expectedTip, ObjectId requestTip, String message,
            PersonIdent ident, CommitSigner signer, CommitCheck check) throws RegistryException {
        ObjectId commit;
        try (RevWalk walk = new RevWalk(repo)) {
            CommitBuilder builder = builder(walk.parseCommit(requestTip).getTree(), List.of(head, requestTip), message, ident);
            commit = insert(builder, Map.of(), null, ident, signer, check);
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the merge into stage " + stage, e);
        }
        return publish(stage, head, expectedTip, commit, ident, message);
    }

    private Written publish(StageName stage, ObjectId expectedHead, ObjectId expectedTip, ObjectId commit, PersonIdent ident,
            String message) throws RegistryException {
        AtomicRefUpdate.Outcome outcome = store.refUpdate()
                .set(StageReader.branchRef(stage), expectedHead, commit)
                .set(STAGE_TIP, expectedTip, commit)
                .execute(ident, "git-model: " + message.lines().findFirst().orElse("stage change"));
        return new Written(commit, outcome);
    }

    /** A commit on {@code parent} (or a root commit) that sets or removes {@code files}; not yet on any ref. */
    private ObjectId commit(StageName stage, ObjectId parent, Map<String, String> files, String message, PersonIdent ident,
            CommitSigner signer, CommitCheck check) throws RegistryException {
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
            Map<String, ObjectId> entries = new TreeMap<>();
            Map<String, FileMode> modes = new TreeMap<>();
            Map<String, byte[]> newBlobs = new TreeMap<>();
            if (parent != null) {
                try (TreeWalk tw = new TreeWalk(repo)) {
                    tw.addTree(walk.parseCommit(parent).getTree());
                    while (tw.next()) {
                        entries.put(tw.getPathString(), tw.getObjectId(0));
                        modes.put(tw.getPathString(), tw.getFileMode(0));
                    }
                }
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                if (f.getValue() == null) {
                    entries.remove(f.getKey());
                } else {
                    byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                    entries.put(f.getKey(), ids.idFor(Constants.OBJ_BLOB, content));
                    modes.put(f.getKey(), FileMode.REGULAR_FILE);
                    newBlobs.put(f.getKey(), content);
                }
            }
            TreeFormatter tree = new TreeFormatter();
            // Sort as git does: a subtree sorts as if its name ended in '/'.
            entries.keySet().stream()
                    .sorted(java.util.Comparator.comparing(n -> modes.get(n) == FileMode.TREE ? n + "/" : n))
                    .forEach(name -> tree.append(name, modes.get(name), entries.get(name)));
            byte[] treeBytes = tree.toByteArray();
            CommitBuilder builder = builder(ids.idFor(Constants.OBJ_TREE, treeBytes),
                    parent == null ? List.of() : List.of(parent), message, ident);
            return insert(builder, newBlobs, treeBytes, ident, signer, check);
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the stage commit for " + stage, e);
        }
    }

    private static CommitBuilder builder(ObjectId tree, List<ObjectId> parents, String message, PersonIdent ident) {
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(tree);
        builder.setParentIds(parents);
        builder.setAuthor(ident);
        builder.setCommitter(ident);
        builder.setEncoding(StandardCharsets.UTF_8);
        builder.setMessage(message);
        return builder;
    }

    /** Signs, judges and only then writes: a refused or unsignable commit leaves nothing behind. */
    private ObjectId insert(CommitBuilder builder, Map<String, byte[]> newBlobs, byte[] treeBytes, PersonIdent ident,
            CommitSigner signer, CommitCheck check) throws IOException, RegistryException {
        if (signer != null) {
            builder.setGpgSignature(signer.sign(builder.build(), ident));
        }
        check.check(org.eclipse.jgit.revwalk.RevCommit.parse(builder.build()));
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            for (byte[] blob : newBlobs.values()) {
                inserter.insert(Constants.OBJ_BLOB, blob);
            }
            if (treeBytes != null) {
                inserter.insert(Constants.OBJ_TREE, treeBytes);
            }
            ObjectId commit = inserter.insert(builder);
            inserter.flush();
            return commit;
        }
    }
}
