package io.gitmodel.registry.internal.store;

import java.io.IOException;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Keeps the commits of a first-parent walk that changed one top-level file against their FIRST
 * parent. Git's own path filtering drops a merge whose file equals the second parent's, which for
 * a stage branch is exactly the merge of a promotion request: the commit that changed the stage.
 */
public final class FirstParentChanges extends RevFilter {
    private final String path;
    private RevTree lastTree;
    private ObjectId lastBlob;

    public FirstParentChanges(String path) {
        this.path = path;
    }

    @Override
    public boolean include(RevWalk walker, RevCommit c) throws IOException {
        ObjectId mine = blob(walker, c.getTree());
        if (c.getParentCount() == 0) {
            return mine != null;
        }
        RevCommit parent = c.getParent(0);
        walker.parseHeaders(parent);
        return !Objects.equals(mine, blob(walker, parent.getTree()));
    }

    /** The file's blob in a tree, or null; the walk goes down the first parents, so the last answer is asked again next. */
    private ObjectId blob(RevWalk walker, RevTree tree) throws IOException {
        if (tree.equals(lastTree)) {
            return lastBlob;
        }
        try (TreeWalk tw = TreeWalk.forPath(walker.getObjectReader(), path, tree)) {
            lastTree = tree;
            lastBlob = tw == null ? null : tw.getObjectId(0);
            return lastBlob;
        }
    }

    @Override
    public RevFilter clone() {
        return new FirstParentChanges(path);
    }

    @Override
    public boolean requiresCommitBody() {
        return false;
    }
}
