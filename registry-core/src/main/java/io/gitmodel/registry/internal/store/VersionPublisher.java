package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.format.DeletedYaml;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.lfs.LfsPointer;
import io.gitmodel.registry.internal.sign.CommitSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a new model version: one commit on the registry branch that rewrites
 * {@code models/<name>/}, and the annotated tag {@code <name>@v<N>}, both made visible by one
 * atomic compare-and-swap ref update. The artifact objects must already be stored.
 *
 * <p>A lost race (another writer moved the branch or took the number) is retried on fresh state
 * with a new number, so concurrent writers never lose a version or share a number.
 */
public final class VersionPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(VersionPublisher.class);

    /** The subject of the first commit of every registry branch. */
    public static final String INIT_SUBJECT = "Initialize git-model registry (format 1)";

    /** The commit id of a version not yet published. */
    public static final String NO_COMMIT = ObjectId.zeroId().name();

    private final RegistryStore store;
    private final Repository repo;
    private final RegistryReader reader;
    private final int maxAttempts;

    public VersionPublisher(RegistryStore store) {
        this.store = store;
        this.repo = store.repository();
        this.reader = store.reader();
        this.maxAttempts = store.config().maxAttempts();
    }

    /**
     * @param versionFor builds the metadata for a given version number (its commit id is ignored)
     * @param modelCard a new README.md for the model, or empty to carry the current one forward
     * @return the published version, with its commit id
     */
    public ModelVersion publish(ModelName name, Person who, IntFunction<ModelVersion> versionFor, Optional<byte[]> modelCard)
            throws RegistryException {
        String branchRef = RegistryLayout.branchRef(reader.branch());
        ConcurrentUpdateException lastLoss = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            ObjectId head = reader.head();
            // the head's model.yaml, model card and deleted.yaml in one walk of its tree
            Map<String, byte[]> headFiles = reader.readFiles(head, List.of(RegistryLayout.modelYaml(name),
                    RegistryLayout.modelCard(name), DeletedYaml.FILE));
            int number = reader.numbering().nextVersion(name, head, headFiles);
            ModelVersion draft = versionFor.apply(number);
            PersonIdent ident = RegistryStore.ident(who, draft.created());
            ObjectId commit;
            ObjectId tag;
            try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
                RevCommit parent = walk.parseCommit(head);
                Optional<byte[]> card = modelCard.isPresent() ? modelCard
                        : Optional.ofNullable(headFiles.get(RegistryLayout.modelCard(name)));
                TreeEditor tree = new TreeEditor(repo, parent.getTree()).deleteTree(RegistryLayout.modelDir(name));
                tree.put(RegistryLayout.modelYaml(name), ModelYaml.write(draft).getBytes(StandardCharsets.UTF_8), inserter);
                if (card.isPresent()) {
                    tree.put(RegistryLayout.modelCard(name), card.get(), inserter);
                }
                for (Artifact a : draft.artifacts()) {
                    tree.put(RegistryLayout.artifactFile(name, a.path()), new LfsPointer(a.oid(), a.size()).toBytes(), inserter);
                }
                commit = insertCommit(inserter, tree.write(inserter), head, ident, commitMessage(draft));
                tag = insertTag(inserter, commit, RegistryLayout.tagName(name, number), ident, draft);
                inserter.flush();
            } catch (IOException e) {
                throw new RegistryIOException("cannot write the objects of " + RegistryLayout.tagName(name, number), e);
            }
            AtomicRefUpdate.Outcome outcome = store.refUpdate()
                    .set(branchRef, head, commit)
                    .set(RegistryLayout.tagRef(name, number), null, tag)
                    .execute(ident, "git-model: register " + RegistryLayout.tagName(name, number));
            if (outcome.applied()) {
                LOG.info("registered {} as commit {}", RegistryLayout.tagName(name, number), commit.name());
                return withCommit(draft, commit);
            }
            lastLoss = new ConcurrentUpdateException(outcome.failedRef(), outcome.expected(), outcome.actualName(),
                    "another writer updated " + outcome.failedRef() + " while " + RegistryLayout.tagName(name, number)
                            + " was being registered (" + outcome.failed().getResult() + ")");
            LOG.debug("attempt {} to register {} lost a race: {}", attempt, name, lastLoss.getMessage());
            backOff(attempt);
        }
        throw new ConcurrentUpdateException(lastLoss.ref(), lastLoss.expected(), lastLoss.actual(), "could not register a version of "
                + name + " after " + maxAttempts + " attempts: " + lastLoss.getMessage()
                + "; if no other writer is running, look for a stale lock file (*.lock) in the repository");
    }

    private static ModelVersion withCommit(ModelVersion v, ObjectId commit) {
        return new ModelVersion(v.name(), v.version(), commit.name(), v.description(), v.created(), v.createdBy(),
                v.metrics(), v.params(), v.tags(), v.lineage(), v.artifacts(), v.extensions());
    }

    /** The message of a registration commit, with {@code Model} and {@code Version} trailers. */
    public static String commitMessage(ModelVersion v) {
        StringBuilder m = new StringBuilder("Register ").append(v.name()).append("@v").append(v.version()).append("\n\n");
        if (!v.description().isBlank()) {
            m.append(v.description().strip()).append("\n\n");
        }
        m.append("Model: ").append(v.name()).append('\n');
        m.append("Version: ").append(v.version()).append('\n');
        return m.toString();
    }

    /** Inserts a commit whose author and committer are {@code ident}. */
    public static ObjectId insertCommit(ObjectInserter inserter, ObjectId tree, ObjectId parent, PersonIdent ident,
            String message) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setEncoding(StandardCharsets.UTF_8);
        commit.setMessage(message);
        return inserter.insert(commit);
    }

    /** Inserts the annotated version tag of {@code v} on {@code commit}. */
    public static ObjectId insertTag(ObjectInserter inserter, ObjectId commit, String tagName, PersonIdent ident,
            ModelVersion v) throws IOException {
        TagBuilder tag = new TagBuilder();
        tag.setObjectId(commit, Constants.OBJ_COMMIT);
        tag.setTag(tagName);
        tag.setTagger(ident);
        tag.setMessage(tagName + (v.description().isBlank() ? "" : ": " + firstLine(v.description())) + "\n");
        return inserter.insert(tag);
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Creates the first commit of a registry branch, signed when a signer is given; used by init. */
    public static ObjectId insertRootCommit(Repository repo, ObjectInserter inserter, ObjectId tree, PersonIdent ident,
            CommitSigner signer) throws IOException, RegistryException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setEncoding(StandardCharsets.UTF_8);
        commit.setMessage(INIT_SUBJECT + "\n");
        if (signer != null) {
            commit.setGpgSignature(signer.sign(commit.build(), ident));
        }
        return inserter.insert(commit);
    }

    private static void backOff(int attempt) {
        long bound = Math.min(100, 2L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
