package io.gitmodel.registry.internal.index;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's derived index, {@code <git-dir>/git-model/index/}: which versions every model has
 * (number, registration commit, parsed model.yaml), what every stage holds of it, and the declared
 * stages, keyed by the registry branch tip and the stage branch tips. Never a source of truth:
 * a read first compares the key with the refs (read from the ref files, without parsing every
 * tag), and an index built for other tips is brought up to date from Git (incrementally when the
 * old registry tip is an ancestor of the new one), or, when that cannot be done, the read goes to
 * Git as it always did. Writers bring it up to date after they move refs. The files are replaced
 * atomically under a lock, so readers in other processes see one whole index or another.
 */
public final class RegistryIndex {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryIndex.class);

    private final Repository repo;
    private final String branchRef;
    private final RegistryReader reader;
    private final Path dir;
    private final RefFiles refs;
    private final boolean plainFiles;
    private final boolean enabled;
    private final IndexStore store;
    private IndexFile loaded;
    private BasicFileAttributes loadedAttrs;

    public RegistryIndex(Repository repo, String branch, RegistryReader reader) {
        this.repo = repo;
        this.branchRef = RegistryLayout.branchRef(branch);
        this.reader = reader;
        this.dir = repo.getDirectory().toPath().resolve("git-model").resolve("index");
        this.refs = new RefFiles(repo.getDirectory().toPath(), dir.resolve("packed-refs.sorted"));
        this.plainFiles = filesBackend(repo);
        // gitmodel.index=false: every read goes to Git (to rule the index out, or on a read-only copy)
        this.enabled = repo.getConfig().getBoolean(RegistryLayout.CONFIG_SECTION, null, "index", true);
        this.store = new IndexStore(dir, reader);
    }

    /** Where the index lives. */
    public Path directory() {
        return dir;
    }

    /**
     * An index that answers for the refs as they are now, brought up to date first if it is
     * stale; empty when none can be had (then read Git). Never throws: the index only speeds reads up.
     */
    public synchronized Optional<IndexSnapshot> current() {
        if (!enabled) {
            return Optional.empty();
        }
        try {
            IndexKey key = currentKey();
            if (key == null) {
                return Optional.empty();
            }
            IndexFile file = load();
            if (file == null || !file.key().equals(key) || !store.docsMatch(file)) {
                file = store.update(key, file, new IndexBuilder(repo, reader));
                remember(file);
            }
            return file == null ? Optional.empty() : Optional.of(new IndexSnapshot(file, store, this, reader));
        } catch (RegistryException | IOException | RuntimeException e) {
            LOG.debug("the registry index in {} is not used for this read: {}", dir, e.toString());
            return Optional.empty();
        }
    }

    /** After a write moved refs: brings the index up to date now, so the next read (in any process) finds it so. */
    public void refresh() {
        current();
    }

    /** Removes the index; the next read builds it again from Git. */
    public synchronized void drop() {
        loaded = null;
        loadedAttrs = null;
        store.drop();
    }

    /** Stores the documents of versions read from Git for the snapshot's index, if it is still current. */
    synchronized void storeDocs(IndexFile of, Map<String, Map<Integer, ModelVersion>> read) {
        try {
            IndexFile updated = store.storeDocs(of, read);
            if (updated != null) {
                remember(updated);
            }
        } catch (IOException | RegistryException | RuntimeException e) {
            LOG.debug("documents of {} not stored in the index: {}", read.keySet(), e.toString());
        }
    }

    /** The tips the index must be keyed by now, or null if there is no registry branch. */
    IndexKey currentKey() throws IOException {
        if (plainFiles) {
            try {
                ObjectId tip = refs.tip(branchRef);
                return tip == null ? null : new IndexKey(tip, stages(refs.byPrefix(StageReader.PREFIX)));
            } catch (RefFiles.Unsupported e) {
                LOG.debug("ref files not read directly: {}", e.getMessage());
            }
        }
        Ref tip = repo.exactRef(branchRef);
        if (tip == null || tip.getObjectId() == null) {
            return null;
        }
        TreeMap<String, ObjectId> all = new TreeMap<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(StageReader.PREFIX)) {
            if (r.getObjectId() != null) {
                all.put(r.getName(), r.getObjectId());
            }
        }
        return new IndexKey(tip.getObjectId(), stages(all));
    }

    private static SortedMap<String, ObjectId> stages(SortedMap<String, ObjectId> refs) {
        TreeMap<String, ObjectId> out = new TreeMap<>();
        refs.forEach((ref, id) -> StageReader.stageOf(ref).ifPresent(stage -> out.put(stage.value(), id)));
        return out;
    }

    /** The index file as it is on disk, mapped again only when it was replaced. */
    private IndexFile load() throws IOException {
        Path file = dir.resolve(IndexFile.NAME);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            loaded = null;
            return null;
        }
        if (loaded == null || !RegistryIndexFiles.sameFile(loadedAttrs, attrs)) {
            try {
                loaded = IndexFile.open(file);
                loadedAttrs = attrs;
            } catch (IndexFile.Corrupt e) {
                LOG.debug("index {} unreadable, rebuilding: {}", file, e.getMessage());
                loaded = null;
            }
        }
        return loaded;
    }

    private void remember(IndexFile file) throws IOException {
        loaded = file;
        try {
            loadedAttrs = file == null ? null : Files.readAttributes(dir.resolve(IndexFile.NAME), BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            loadedAttrs = null;
        }
    }

    /** Whether refs are plain files this class can read (not reftable, not a linked worktree). */
    private static boolean filesBackend(Repository repo) {
        Path gitDir = repo.getDirectory().toPath();
        String storage = repo.getConfig().getString("extensions", null, "refStorage");
        return (storage == null || storage.equalsIgnoreCase("files")) && !Files.exists(gitDir.resolve("commondir"))
                && Files.isDirectory(gitDir.resolve("refs"));
    }

    /** For verify: what differs between the index and the registry, if the index is current. */
    public List<String> check() {
        return new IndexCheck(this, store, reader).run();
    }

    /** The index as it is, if it is current, without building or updating it; for verify. */
    public synchronized Optional<IndexSnapshot> stored() {
        try {
            IndexFile file = loadedForCheck();
            return file == null || !store.docsMatch(file) ? Optional.empty() : Optional.of(new IndexSnapshot(file, store, this, reader));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Repository repository() {
        return repo;
    }

    synchronized IndexFile loadedForCheck() throws IOException {
        IndexKey key = currentKey();
        IndexFile file = load();
        return file != null && key != null && file.key().equals(key) ? file : null;
    }
}
