package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.stage.StageReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust on read: before a read answers from a stage, the change that put the model's current
 * holding there (the last commit that changed its stage file) is judged against the policy. A
 * change judged valid under a policy is remembered, by commit id, stage and the id of the registry.yaml
 * it was judged under, in {@code <git-dir>/git-model/trusted/}, and so is the stage head it was
 * read at (for the model): commits never change, so the next read at the same head costs one
 * file lookup, without walking the stage's history. A changed policy is judged anew.
 */
public final class StageTrust {
    private static final Logger LOG = LoggerFactory.getLogger(StageTrust.class);

    /** Judges on demand: reading a trusted stage never builds a judge. */
    @FunctionalInterface
    public interface Judges {
        ChangeJudge get() throws RegistryException;
    }

    private final Repository repo;
    private final StageReader stages;
    private final Judges judges;
    private final Path trusted;
    private ChangeJudge judge;

    /** @param policyId the id of the registry.yaml blob the policy was read from */
    public StageTrust(Repository repo, StageReader stages, Judges judges, ObjectId policyId) {
        this.repo = repo;
        this.stages = stages;
        this.judges = judges;
        this.trusted = repo.getDirectory().toPath().resolve("git-model").resolve("trusted")
                .resolve(policyId == null ? "none" : policyId.name());
    }

    /**
     * The rules broken by the change that put what {@code commit} of {@code stage} holds of
     * {@code model} in place; empty if it is valid (or the stage never held anything of it).
     */
    public List<Finding> check(StageName stage, ObjectId commit, ModelName model) throws RegistryException {
        // the common case, a stage head read again and again: one file lookup, no walk of its history
        // '@' occurs in no stage or model name: the file names cannot collide
        Path atHead = trusted.resolve("head@" + stage + "@" + model.value());
        if (commit.name().equals(read(atHead))) {
            return List.of();
        }
        ObjectId change = stages.lastChange(commit, model);
        Path judgedValid = change == null ? null : trusted.resolve(change.name() + "@" + stage);
        if (change == null || Files.exists(judgedValid)) {
            remember(atHead, commit);
            return List.of();
        }
        if (judge == null) {
            judge = judges.get();
        }
        List<Finding> findings;
        try (RevWalk walk = new RevWalk(repo)) {
            findings = judge.judge(stage, walk.parseCommit(change));
        } catch (IOException e) {
            throw new RegistryIOException("cannot read stage commit " + change.name(), e);
        }
        if (findings.isEmpty()) {
            remember(judgedValid, null);
            remember(atHead, commit);
        }
        return findings;
    }

    private static String read(Path marker) {
        try {
            return Files.readString(marker, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException absent) {
            return null;
        }
    }

    /** Remembers a marker, empty or naming the stage head it was checked at (one file per stage and model). */
    private void remember(Path marker, ObjectId head) {
        try {
            Files.createDirectories(trusted);
            Path temp = Files.createTempFile(trusted, "marker", ".tmp");
            Files.writeString(temp, head == null ? "" : head.name(), java.nio.charset.StandardCharsets.US_ASCII);
            Files.move(temp, marker, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.debug("cannot remember that {} was verified ({}); it will be verified again", marker, e.getMessage());
        }
    }
}
