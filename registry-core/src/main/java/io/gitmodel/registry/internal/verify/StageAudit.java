package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.store.Refs;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Checks every commit of every stage branch (first parents: the stage's own history) against the
 * policy in force when it was made, and collects every version a stage ever held.
 */
final class StageAudit {
    private final Repository repo;
    private final ChangeJudge judge;
    int commits;

    StageAudit(Repository repo, ChangeJudge judge) {
        this.repo = repo;
        this.judge = judge;
    }

    /** @param staged filled with every version each model ever had in any stage */
    void check(List<Finding> out, Map<ModelName, Set<Integer>> staged) throws RegistryException {
        for (Map.Entry<String, ObjectId> branch : Refs.under(repo, StageReader.PREFIX).entrySet()) {
            StageName stage;
            try {
                stage = StageName.of(branch.getKey());
            } catch (IllegalArgumentException e) {
                out.add(new Finding(StageReader.PREFIX + branch.getKey(), branch.getValue().name(), null, 0, "declared",
                        "stages/" + branch.getKey() + " is no valid stage name (" + e.getMessage() + ")"));
                continue;
            }
            check(stage, branch.getValue(), null, out, staged);
        }
    }

    /**
     * Checks the commits of a stage branch from {@code head} down to (not including) {@code since}.
     *
     * @param since where checking stops (an already accepted head), or null for the whole history
     */
    void check(StageName stage, ObjectId head, ObjectId since, List<Finding> out, Map<ModelName, Set<Integer>> staged)
            throws RegistryException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(head));
            if (since != null) {
                walk.markUninteresting(walk.parseCommit(since));
            }
            for (RevCommit c : walk) {
                commits++;
                StageCommit sc = StageCommit.read(repo, walk, stage, c);
                if (staged != null) {
                    sc.deltas().forEach((model, d) -> staged.computeIfAbsent(model, m -> new TreeSet<>()).addAll(d.after()));
                }
                out.addAll(judge.judge(stage, c));
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the history of stage " + stage, e);
        }
    }
}
