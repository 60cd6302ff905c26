package io.gitmodel.registry.internal.store;

import java.io.IOException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index and working tree of a non-bare registry in step when the library has moved the
 * branch that is checked out, as {@code receive.denyCurrentBranch=updateInstead} does for a push.
 * Runs only after the refs were published, so a failure here is logged, never fatal: the
 * registry itself is already consistent, and {@code git checkout -f} repairs the working tree.
 */
public final class WorkingTreeSync {
    private static final Logger LOG = LoggerFactory.getLogger(WorkingTreeSync.class);

    private WorkingTreeSync() {
    }

    /** Updates index and working tree from {@code newCommit}'s first parent (or nothing) to {@code newCommit}. */
    public static void afterUpdate(Repository repo, String branchRef, ObjectId newCommit) {
        if (repo.isBare()) {
            return;
        }
        try {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic() || !head.getTarget().getName().equals(branchRef)) {
                return;
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(newCommit);
                ObjectId oldTree = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)).getTree();
                ObjectId newTree = commit.getTree();
                DirCache index = repo.lockDirCache();
                try {
                    DirCacheCheckout checkout = oldTree == null
                            ? new DirCacheCheckout(repo, index, newTree)
                            : new DirCacheCheckout(repo, oldTree, index, newTree);
                    checkout.setFailOnConflict(true);
                    checkout.checkout();
                } finally {
                    index.unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("the registry was updated, but the checked-out working tree of {} could not follow ({}); "
                    + "run 'git checkout -f' there to refresh it", repo.getWorkTree(), e.getMessage());
        }
    }
}
