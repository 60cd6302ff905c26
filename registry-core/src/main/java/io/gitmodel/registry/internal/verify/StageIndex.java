package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One stage's first-parent history, read once, for judging many of its commits: where each
 * commit stands, when it was made, and when each version of each model first entered. Judging a
 * history of N changes asks "did staging ever hold fraud@v3 up to here?" N times; walking the
 * history for each answer would cost N² commit reads.
 */
final class StageIndex {
    /** Commits, oldest first, with their committer time in seconds. */
    private final List<ObjectId> commits = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final Map<ObjectId, Integer> position = new HashMap<>();
    /** Per model, per version: the position of the first commit whose stage file held it. */
    private final Map<ModelName, Map<Integer, Integer>> firstHeld = new HashMap<>();

    private StageIndex() {
    }

    static StageIndex of(Repository repo, StageName stage, ObjectId head) throws RegistryException {
        StageIndex index = new StageIndex();
        if (head == null) {
            return index;
        }
        List<RevCommit> newestFirst = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(head));
            for (RevCommit c : walk) {
                newestFirst.add(c);
            }
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                RevCommit c = newestFirst.get(i);
                int pos = index.commits.size();
                index.commits.add(c.copy());
                index.times.add((long) c.getCommitTime());
                index.position.put(c.copy(), pos);
                StageCommit sc = StageCommit.read(repo, walk, stage, c);
                sc.deltas().forEach((model, d) -> {
                    Map<Integer, Integer> versions = index.firstHeld.computeIfAbsent(model, m -> new HashMap<>());
                    d.after().forEach(v -> versions.putIfAbsent(v, pos));
                });
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the history of stage " + stage, e);
        }
        return index;
    }

    /**
     * Whether the stage held the version at {@code commit} or before it, first in a commit dated at
     * or before {@code seconds}; null if the commit is not in this history.
     */
    Boolean heldUpTo(ObjectId commit, ModelName model, int version, long seconds) {
        Integer pos = position.get(commit);
        if (pos == null) {
            return null;
        }
        Integer first = firstHeld.getOrDefault(model, Map.of()).get(version);
        return first != null && first <= pos && times.get(first) <= seconds;
    }

    /** The newest commit, going back from the head, dated at or before {@code seconds}; null if none. */
    ObjectId commitAt(long seconds) {
        for (int i = commits.size() - 1; i >= 0; i--) {
            if (times.get(i) <= seconds) {
                return commits.get(i);
            }
        }
        return null;
    }
}
