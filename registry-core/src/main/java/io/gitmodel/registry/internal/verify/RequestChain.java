package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A promotion request as its branch holds it: from the tip down, approvals (oldest last), then
 * the one change they approve, made on the stage head it names as parent.
 *
 * @param change the request's change, or null if below the approvals there is no stage change
 * @param base the change's parent: the stage head the request was made on (null for a root)
 * @param approvals the approvals on top of it, oldest first
 */
record RequestChain(StageCommit change, RevCommit base, List<StageCommit> approvals) {
    static RequestChain read(Repository repo, RevWalk walk, StageName stage, RevCommit tip) throws IOException, RegistryException {
        List<StageCommit> approvals = new ArrayList<>();
        for (RevCommit c = tip; c != null; c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0))) {
            StageCommit sc = StageCommit.read(repo, walk, stage, walk.parseCommit(c));
            if (sc.kind() == StageCommit.Kind.APPROVAL) {
                approvals.add(0, sc);
                continue;
            }
            boolean change = sc.kind() == StageCommit.Kind.CHANGE && sc.commit().getParentCount() == 1;
            return new RequestChain(change ? sc : null, change ? walk.parseCommit(sc.commit().getParent(0)) : null, approvals);
        }
        return new RequestChain(null, null, approvals);
    }
}
