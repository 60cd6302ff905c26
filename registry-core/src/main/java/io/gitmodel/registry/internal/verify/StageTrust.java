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
 * change judged valid under a policy is remembered, by commit id and the id of the registry.yaml
 * it was judged under, in {@code <git-dir>/git-model/trusted/}: commits never change, so the
 * next read costs a file lookup. A changed policy is judged anew.
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
        ObjectId change = stages.lastChange(commit, model);
        if (change == null || Files.exists(trusted.resolve(change.name()))) {
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
            remember(change);
        }
        return findings;
    }

    private void remember(ObjectId change) {
        try {
            Files.createDirectories(trusted);
            Files.write(trusted.resolve(change.name()), new byte[0]);
        } catch (IOException e) {
            LOG.debug("cannot remember that {} was verified ({}); it will be verified again", change.name(), e.getMessage());
        }
    }
}
