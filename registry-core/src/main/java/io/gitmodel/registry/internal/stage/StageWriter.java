package io.gitmodel.registry.internal.stage;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.sign.CommitSigner;
import io.gitmodel.registry.internal.store.AtomicRefUpdate;
import io.gitmodel.registry.internal.store.TreeEditor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes one stage change: a commit on {@code refs/heads/stages/<stage>} that sets or removes
 * model files, signed when a signer is given, published by compare-and-swap against the head the
 * change was planned on. Returns null when another writer moved the branch first.
 */
public final class StageWriter {
    private final Repository repo;

    public StageWriter(Repository repo) {
        this.repo = repo;
    }

    /**
     * @param expectedHead the branch head the change was planned on, or null for a new stage branch
     * @param files file name to new content, or to null to delete it
     * @return the new commit, or null if the branch moved meanwhile
     */
    public ObjectId write(String stage, ObjectId expectedHead, Map<String, String> files, String message, PersonIdent ident,
            CommitSigner signer) throws RegistryException {
        ObjectId commit;
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            ObjectId baseTree = expectedHead == null ? null : walk.parseCommit(expectedHead).getTree();
            TreeEditor tree = new TreeEditor(repo, baseTree);
            for (Map.Entry<String, String> f : files.entrySet()) {
                if (f.getValue() == null) {
                    tree.delete(f.getKey());
                } else {
                    tree.put(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8), inserter);
                }
            }
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(tree.write(inserter));
            if (expectedHead != null) {
                builder.setParentId(expectedHead);
            }
            builder.setAuthor(ident);
            builder.setCommitter(ident);
            builder.setEncoding(StandardCharsets.UTF_8);
            builder.setMessage(message);
            if (signer != null) {
                builder.setGpgSignature(signer.sign(builder.build(), ident));
            }
            commit = inserter.insert(builder);
            inserter.flush();
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the stage commit for " + stage, e);
        }
        AtomicRefUpdate.Outcome outcome = new AtomicRefUpdate(repo).set(StageReader.branchRef(stage), expectedHead, commit)
                .execute(ident, "git-model: " + message.lines().findFirst().orElse("stage change"));
        return outcome.applied() ? commit : null;
    }
}
