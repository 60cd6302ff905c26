package io.gitmodel.registry.internal.index;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.format.Json;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.lfs.SharedFiles;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index's files and the lock that orders their writers: {@code registry.idx} (replaced
 * whole), {@code docs} (appended to) and {@code lock} (an OS file lock, released when its process
 * dies; and a lock per directory inside this JVM, where file locks do not exclude each other).
 * A writer that cannot get the lock in time leaves the index alone; its read goes to Git.
 */
final class IndexStore {
    private static final Logger LOG = LoggerFactory.getLogger(IndexStore.class);
    /** A write stores the documents of a changed model at once when it has at most this many missing. */
    static final int EAGER_DOCS = 16;
    /** The document store is made again when it passes this size and holds three times what the index references. */
    static final long COMPACT_AT = 64L << 20;
    private static final long LOCK_WAIT_MS = 5_000;
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final RegistryReader reader;
    private final DocStore docs;
    private DocStore.Reader docReader;
    private long docReaderGeneration;

    IndexStore(Path dir, RegistryReader reader) {
        this.dir = dir;
        this.reader = reader;
        this.docs = new DocStore(dir.resolve(DocStore.NAME));
    }

    /** Whether the documents {@code file} points into are the ones on disk (or the ones this process has open). */
    synchronized boolean docsMatch(IndexFile file) throws IOException {
        if (docReader != null && docReaderGeneration == file.docsGeneration()) {
            return true;
        }
        long generation = docs.generation();
        if (generation == 0 || generation != file.docsGeneration()) {
            return false;
        }
        docReader = docs.reader();
        docReaderGeneration = generation;
        return true;
    }

    /** The reader of the documents {@code file} points into, or null if they are not on disk any more. */
    synchronized DocStore.Reader docs(IndexFile file) throws IOException {
        return docsMatch(file) ? docReader : null;
    }

    /** Brings the index up to {@code key} under the lock; null when the lock could not be had. */
    IndexFile update(IndexKey key, IndexFile seen, IndexBuilder builder) throws IOException, RegistryException {
        return locked(() -> {
            IndexFile onDisk = readOnDisk();
            long generation = docs.generation();
            if (onDisk != null && onDisk.key().equals(key) && onDisk.docsGeneration() == generation) {
                return onDisk; // another process brought it up to date
            }
            IndexData base = onDisk == null ? null : onDisk.toData();
            if (generation == 0 || (base != null && needsCompaction(base))) {
                generation = docs.create();
            }
            IndexData data = builder.build(base, key, generation);
            data = storeEagerDocs(base, data);
            return write(data);
        });
    }

    /** Stores documents read from Git (model to number to version) into the current index, if {@code of} is still it. */
    IndexFile storeDocs(IndexFile of, Map<String, Map<Integer, ModelVersion>> read) throws IOException, RegistryException {
        return locked(() -> {
            IndexFile onDisk = readOnDisk();
            if (onDisk == null || !onDisk.key().equals(of.key()) || onDisk.docsGeneration() != docs.generation()) {
                return null;
            }
            IndexData data = onDisk.toData();
            TreeMap<String, ModelEntry> models = new TreeMap<>(data.models());
            boolean changed = false;
            for (Map.Entry<String, Map<Integer, ModelVersion>> m : read.entrySet()) {
                ModelEntry entry = models.get(m.getKey());
                if (entry == null) {
                    continue;
                }
                TreeMap<Integer, VersionEntry> versions = new TreeMap<>(entry.versions());
                List<VersionEntry> missing = new ArrayList<>();
                for (VersionEntry v : versions.values()) {
                    ModelVersion version = m.getValue().get(v.number());
                    if (!v.hasDoc() && version != null && version.commit().equals(v.commit().name())) {
                        missing.add(v);
                    }
                }
                if (!missing.isEmpty()) {
                    append(versions, missing, m.getValue());
                    models.put(m.getKey(), entry.withVersions(versions));
                    changed = true;
                }
            }
            return !changed ? onDisk
                    : write(new IndexData(data.key(), data.policyBlob(), data.declaredStages(), data.policyCommits(), data.docsGeneration(), models));
        });
    }

    /** The documents of changed models that lack only a few (a registration, a pull of some versions), read from Git. */
    private IndexData storeEagerDocs(IndexData base, IndexData data) throws IOException, RegistryException {
        TreeMap<String, ModelEntry> models = new TreeMap<>(data.models());
        for (ModelEntry e : data.models().values()) {
            ModelEntry before = base == null ? null : base.models().get(e.name());
            if (before != null && before.versions().equals(e.versions())) {
                continue;
            }
            List<VersionEntry> missing = e.versions().values().stream().filter(v -> !v.hasDoc()).toList();
            if (missing.isEmpty() || missing.size() > EAGER_DOCS) {
                continue;
            }
            ModelName name = new ModelName(e.name());
            Map<Integer, ModelVersion> read = new TreeMap<>();
            for (VersionEntry v : missing) {
                read.put(v.number(), reader.readAt(name, v.number(), v.commit()));
            }
            TreeMap<Integer, VersionEntry> versions = new TreeMap<>(e.versions());
            append(versions, missing, read);
            models.put(e.name(), e.withVersions(versions));
        }
        return new IndexData(data.key(), data.policyBlob(), data.declaredStages(), data.policyCommits(), data.docsGeneration(), models);
    }

    private void append(TreeMap<Integer, VersionEntry> versions, List<VersionEntry> missing, Map<Integer, ModelVersion> read)
            throws IOException {
        byte[][] bytes = new byte[missing.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = encode(read.get(missing.get(i).number()));
        }
        long[] offsets = docs.append(bytes);
        for (int i = 0; i < bytes.length; i++) {
            VersionEntry v = missing.get(i);
            versions.put(v.number(), new VersionEntry(v.number(), v.commit(), offsets[i], bytes[i].length, DocStore.crc(bytes[i])));
        }
    }

    static byte[] encode(ModelVersion v) {
        return Json.write(g -> Json.writeValue(g, ModelYaml.toMap(v))).getBytes(StandardCharsets.UTF_8);
    }

    private boolean needsCompaction(IndexData data) throws IOException {
        long size = docs.size();
        if (size < COMPACT_AT) {
            return false;
        }
        long live = 0;
        for (ModelEntry e : data.models().values()) {
            for (VersionEntry v : e.versions().values()) {
                live += v.hasDoc() ? v.docLength() : 0;
            }
        }
        return size > 3 * live;
    }

    private IndexFile readOnDisk() throws IOException {
        try {
            return IndexFile.open(dir.resolve(IndexFile.NAME));
        } catch (NoSuchFileException | IndexFile.Corrupt unusable) {
            return null;
        }
    }

    private IndexFile write(IndexData data) throws IOException {
        byte[] bytes = IndexFile.encode(data);
        Path tmp = SharedFiles.createTemp(dir, IndexFile.NAME + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            RegistryIndexFiles.moveIntoPlace(tmp, dir.resolve(IndexFile.NAME));
        } finally {
            Files.deleteIfExists(tmp);
        }
        return IndexFile.of(bytes);
    }

    /** Removes the index files (under the lock when it can be had). */
    void drop() {
        try {
            Files.deleteIfExists(dir.resolve(IndexFile.NAME));
        } catch (IOException e) {
            LOG.warn("cannot remove the registry index {}: {}; remove it by hand", dir.resolve(IndexFile.NAME), e.getMessage());
        }
    }

    /** Work done under the index lock. */
    private interface Locked<T> {
        T run() throws IOException, RegistryException;
    }

    private <T> T locked(Locked<T> body) throws IOException, RegistryException {
        Files.createDirectories(dir);
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
        try {
            if (!jvm.tryLock(LOCK_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = fileLock(ch);
            if (lock == null) {
                LOG.debug("the registry index lock {} is held by another process; not updating the index", dir.resolve("lock"));
                return null;
            }
            try {
                return body.run();
            } finally {
                lock.release();
            }
        } finally {
            jvm.unlock();
        }
    }

    private static FileLock fileLock(FileChannel ch) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_WAIT_MS);
        while (true) {
            try {
                FileLock lock = ch.tryLock();
                if (lock != null || System.nanoTime() > deadline) {
                    return lock;
                }
            } catch (OverlappingFileLockException held) {
                if (System.nanoTime() > deadline) {
                    return null;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
