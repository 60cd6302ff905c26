package io.gitmodel.registry.internal.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEditor.DeletePath;
import org.eclipse.jgit.dircache.DirCacheEditor.DeleteTree;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/** Edits a tree in memory (never the index or working tree) and writes the result. */
final class TreeEditor {
    private final Repository repo;
    private final ObjectId baseTree;
    private final List<DirCacheEditor.PathEdit> edits = new ArrayList<>();

    /** @param baseTree the tree to start from, or {@code null} for an empty tree */
    public TreeEditor(Repository repo, ObjectId baseTree) {
        this.repo = repo;
        this.baseTree = baseTree;
    }

    public TreeEditor deleteTree(String path) {
        edits.add(new DeleteTree(path));
        return this;
    }

    public TreeEditor delete(String path) {
        edits.add(new DeletePath(path));
        return this;
    }

    /** Adds or replaces a regular file with {@code content}. */
    public TreeEditor put(String path, byte[] content, ObjectInserter inserter) throws IOException {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
        edits.add(new PathEdit(path) {
            @Override
            public void apply(DirCacheEntry ent) {
                ent.setFileMode(FileMode.REGULAR_FILE);
                ent.setObjectId(blob);
            }
        });
        return this;
    }

    /** Adds or replaces a file with an existing blob (or a subtree with an existing tree). */
    public TreeEditor putObject(String path, FileMode mode, ObjectId id) {
        edits.add(new PathEdit(path) {
            @Override
            public void apply(DirCacheEntry ent) {
                ent.setFileMode(mode);
                ent.setObjectId(id);
            }
        });
        return this;
    }

    /** Writes the edited tree with {@code inserter} (the caller flushes) and returns its id. */
    public ObjectId write(ObjectInserter inserter) throws IOException {
        DirCache index;
        if (baseTree == null) {
            index = DirCache.newInCore();
        } else {
            try (ObjectReader reader = repo.newObjectReader()) {
                index = DirCache.read(reader, baseTree);
            }
        }
        DirCacheEditor editor = index.editor();
        edits.forEach(editor::add);
        editor.finish();
        return index.writeTree(inserter);
    }
}
