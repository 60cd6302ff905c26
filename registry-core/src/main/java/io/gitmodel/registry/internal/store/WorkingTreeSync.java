package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.lfs.LfsPointer;
import io.gitmodel.registry.internal.lfs.Sha256Digests;
import io.gitmodel.registry.internal.lfs.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index and working tree of a non-bare registry in step when the library has moved the
 * branch that is checked out, as {@code receive.denyCurrentBranch=updateInstead} does for a push.
 *
 * <p>It brings the checkout from whatever tree the index holds to the branch tip, so a sync
 * that was skipped (another writer held the index lock) is caught up by the next one. Artifact
 * files are checked out as their Git LFS pointer files: the bytes are in {@code lfs/objects}
 * already, and a second copy would double the disk a registry takes ({@code git-model get}
 * exports them). With {@code gitmodel.checkoutArtifacts=true} and a Git LFS filter configured,
 * the verified bytes are written instead, as git would check them out. Files the user changed
 * are never overwritten: the sync is then skipped with a warning.
 *
 * <p>This runs only after the refs were published, so a failure here is logged, never fatal: the
 * registry itself is already consistent, and {@code git checkout -f} repairs the working tree.
 */
public final class WorkingTreeSync {
    private static final Logger LOG = LoggerFactory.getLogger(WorkingTreeSync.class);
    private static final int LOCK_ATTEMPTS = 100;

    private final Repository repo;
    private final Path workTree;
    private final LfsObjectStore store;
    private final boolean smudge;

    private WorkingTreeSync(Repository repo, LfsObjectStore store, Config gitConfig) {
        this.repo = repo;
        this.workTree = repo.getWorkTree().toPath();
        this.store = store;
        // the artifact bytes are in lfs/objects already: a second copy in the working tree doubles the disk a registry
        // takes, so the checkout holds the pointer files (git with the LFS filter sees them as clean) unless asked
        this.smudge = gitConfig.getBoolean("gitmodel", "checkoutArtifacts", false)
                && (gitConfig.getString("filter", "lfs", "process") != null || gitConfig.getString("filter", "lfs", "smudge") != null);
    }

    /** Updates index and working tree to the tip of {@code branchRef} if that branch is checked out. */
    public static void afterUpdate(Repository repo, String branchRef, LfsObjectStore store, Config gitConfig) {
        if (repo.isBare()) {
            return;
        }
        try {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic() || !head.getTarget().getName().equals(branchRef)) {
                return;
            }
            new WorkingTreeSync(repo, store, gitConfig).sync(branchRef);
        } catch (IOException | RegistryException | RuntimeException e) {
            LOG.warn("the registry was updated, but its checked-out working tree {} could not follow ({}); "
                    + "run 'git checkout -f' there to refresh it", repo.getWorkTree(), e.getMessage());
        }
    }

    private record Change(String path, ObjectId oldId, ObjectId newId) {
    }

    private void sync(String branchRef) throws IOException, RegistryException {
        DirCache index = lockIndex();
        if (index == null) {
            LOG.info("index of {} is locked by another process; the next registry update will bring it up to date", workTree);
            return;
        }
        try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            Ref tip = repo.exactRef(branchRef);
            ObjectId tipTree = walk.parseCommit(tip.getObjectId()).getTree();
            ObjectId indexTree = index.writeTree(inserter);
            inserter.flush();
            if (indexTree.equals(tipTree)) {
                return;
            }
            List<Change> changes = changes(reader, indexTree, tipTree);
            for (Change c : changes) {
                String problem = unsafeToReplace(index, c, reader);
                if (problem != null) {
                    LOG.warn("not updating the working tree of {}: {} {}; commit or discard your change, then run "
                            + "'git checkout -f'", workTree, c.path(), problem);
                    return;
                }
            }
            for (Change c : changes) {
                apply(c, reader);
            }
            rebuildIndex(index, reader, tipTree, changes);
        } finally {
            index.unlock();
        }
    }

    private DirCache lockIndex() throws IOException {
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            try {
                return repo.lockDirCache();
            } catch (LockFailedException busy) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    private static List<Change> changes(ObjectReader reader, ObjectId from, ObjectId to) throws IOException {
        List<Change> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(from);
            tw.addTree(to);
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                ObjectId oldId = tw.getFileMode(0) == FileMode.MISSING ? null : tw.getObjectId(0);
                ObjectId newId = tw.getFileMode(1) == FileMode.MISSING ? null : tw.getObjectId(1);
                out.add(new Change(tw.getPathString(), oldId, newId));
            }
        }
        return out;
    }

    /** Why the working-tree file must not be replaced, or null if it may be. */
    private String unsafeToReplace(DirCache index, Change c, ObjectReader reader) throws IOException {
        Path file = workTree.resolve(c.path());
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (c.oldId() == null) {
            return exists && !matches(file, c.newId(), reader) ? "exists but is not tracked" : null;
        }
        if (!exists) {
            return null; // deleted by the user: recreate or keep deleted, nothing is lost
        }
        DirCacheEntry entry = index.getEntry(c.path());
        if (entry != null && !entry.isSmudged() && entry.getLength() == Files.size(file)
                && entry.getLastModifiedInstant().equals(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant())) {
            return null;
        }
        return matches(file, c.oldId(), reader) ? null : "has uncommitted changes";
    }

    /** Whether {@code file} holds the blob, or, for an LFS pointer blob, the bytes it points at. */
    private boolean matches(Path file, ObjectId blob, ObjectReader reader) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        byte[] content = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(LfsPointer.MAX_SIZE * 64);
        long size = Files.size(file);
        if (size == content.length) {
            try (InputStream in = Files.newInputStream(file)) {
                if (new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, size, in).equals(blob)) {
                    return true;
                }
            }
        }
        Optional<LfsPointer> pointer = LfsPointer.parse(content);
        if (pointer.isEmpty() || pointer.get().size() != size) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256Digests.hash(in).equals(pointer.get().oid());
        }
    }

    private void apply(Change c, ObjectReader reader) throws IOException, RegistryException {
        Path file = workTree.resolve(c.path());
        if (c.newId() == null) {
            Files.deleteIfExists(file);
            removeEmptyParents(file.getParent());
            return;
        }
        Files.createDirectories(file.getParent());
        Path temp = SharedFiles.createTemp(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            byte[] blob = reader.open(c.newId(), Constants.OBJ_BLOB).getBytes();
            Optional<LfsPointer> pointer = smudge ? LfsPointer.parse(blob) : Optional.empty();
            if (pointer.isPresent() && store.contains(pointer.get().oid(), pointer.get().size())) {
                try (InputStream in = store.open(pointer.get().oid(), pointer.get().size(), c.path());
                        OutputStream out = Files.newOutputStream(temp)) {
                    in.transferTo(out);
                }
            } else {
                Files.write(temp, blob);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void removeEmptyParents(Path dir) throws IOException {
        while (dir != null && !dir.equals(workTree) && dir.startsWith(workTree)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }

    /** Makes the index hold the tip's tree, with stat data so git sees unchanged files as clean. */
    private void rebuildIndex(DirCache index, ObjectReader reader, ObjectId tipTree, List<Change> changes) throws IOException {
        Map<String, DirCacheEntry> before = new HashMap<>();
        for (int i = 0; i < index.getEntryCount(); i++) {
            before.put(index.getEntry(i).getPathString(), index.getEntry(i));
        }
        java.util.Set<String> changed = new java.util.HashSet<>();
        changes.forEach(c -> changed.add(c.path()));
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tipTree);
        builder.finish();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            DirCacheEntry old = before.get(e.getPathString());
            if (!changed.contains(e.getPathString()) && old != null && old.getObjectId().equals(e.getObjectId())) {
                e.copyMetaData(old);
                continue;
            }
            Path file = workTree.resolve(e.getPathString());
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                e.setLength(a.size());
                e.setLastModified(a.lastModifiedTime().toInstant());
            }
        }
        index.write();
        if (!index.commit()) {
            throw new IOException("cannot write the index of " + workTree);
        }
    }
}
