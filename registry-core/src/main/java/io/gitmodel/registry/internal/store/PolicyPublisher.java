package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.sign.CommitSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A change of registry.yaml: ONE commit on the registry branch that rewrites that file only,
 * signed by whoever makes it. Written first, published after, so the caller can check who
 * signed it (an admin of the policy in force) before anyone sees it.
 */
public final class PolicyPublisher {
    private final RegistryStore store;

    public PolicyPublisher(RegistryStore store) {
        this.store = store;
    }

    /** Judges the signed commit before any object is written; throws to refuse it. */
    @FunctionalInterface
    public interface Check {
        void check(RevCommit commit) throws RegistryException;
    }

    /**
     * Writes (but does not publish) the commit on top of {@code head} that sets registry.yaml to
     * {@code text}, once {@code check} accepted it.
     */
    public ObjectId write(ObjectId head, String text, String message, Person who, Instant at, CommitSigner signer, Check check)
            throws RegistryException {
        PersonIdent ident = RegistryStore.ident(who, at);
        try (ObjectInserter inserter = store.repository().newObjectInserter(); RevWalk walk = new RevWalk(store.repository())) {
            RevCommit parent = walk.parseCommit(head);
            TreeEditor editor = new TreeEditor(store.repository(), parent.getTree());
            ObjectId tree = editor.put(RegistryYaml.FILE, text.getBytes(StandardCharsets.UTF_8), inserter).write(inserter);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(head);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setEncoding(StandardCharsets.UTF_8);
            commit.setMessage(message);
            if (signer != null) {
                commit.setGpgSignature(signer.sign(commit.build(), ident));
            }
            check.check(RevCommit.parse(commit.build()));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the policy change of " + store.directory(), e);
        }
    }

    /** Moves the registry branch from {@code head} to {@code commit}; false if another writer moved it first. */
    public boolean publish(ObjectId head, ObjectId commit, Person who) throws RegistryException {
        return store.refUpdate().set(store.branchRef(), head, commit)
                .execute(RegistryStore.ident(who, store.now()), "git-model: change registry.yaml").applied();
    }
}
