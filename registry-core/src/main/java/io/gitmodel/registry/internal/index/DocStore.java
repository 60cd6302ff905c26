package io.gitmodel.registry.internal.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import io.gitmodel.registry.internal.lfs.SharedFiles;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The index's document store, {@code <git-dir>/git-model/index/docs}: each version's model.yaml,
 * parsed once and kept as compact JSON, appended and never changed in place, so that readers in
 * other processes never see a document change under them. The index file says where each document
 * is, how long, and its CRC-32, checked on every read. A store made again (when too much of it is
 * no longer referenced) gets a new random generation, and an index naming another generation is
 * stale.
 *
 * <pre>"GMDS" u32 format u64 generation, then documents back to back</pre>
 */
final class DocStore {
    static final String NAME = "docs";
    private static final int MAGIC = 0x474d4453; // "GMDS"
    private static final int FORMAT = 1;
    static final int HEADER = 16;

    private final Path file;

    DocStore(Path file) {
        this.file = file;
    }

    /** The store's generation, or 0 if there is no usable store. */
    long generation() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (header.hasRemaining() && ch.read(header) >= 0) {
                // fill the header
            }
            if (header.position() < HEADER || header.getInt(0) != MAGIC || header.getInt(4) != FORMAT) {
                return 0;
            }
            return header.getLong(8);
        } catch (NoSuchFileException absent) {
            return 0;
        }
    }

    long size() throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException absent) {
            return 0;
        }
    }

    /** Replaces the store with an empty one of a new generation; the caller holds the index lock. */
    long create() throws IOException {
        long generation = new SecureRandom().nextLong() | 1L; // never 0
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(FORMAT).putLong(generation);
        Path tmp = SharedFiles.createTemp(file.getParent(), NAME + ".", ".tmp");
        Files.write(tmp, header.array());
        RegistryIndexFiles.moveIntoPlace(tmp, file);
        return generation;
    }

    /** Appends documents; the caller holds the index lock. Returns each one's offset. */
    long[] append(byte[]... docs) throws IOException {
        long[] offsets = new long[docs.length];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long at = ch.size();
            ch.position(at);
            for (int i = 0; i < docs.length; i++) {
                offsets[i] = at;
                ByteBuffer b = ByteBuffer.wrap(docs[i]);
                while (b.hasRemaining()) {
                    at += ch.write(b);
                }
            }
        }
        return offsets;
    }

    /** Opens the store for reading documents. */
    Reader reader() throws IOException {
        return new Reader(file);
    }

    static int crc(byte[] doc) {
        CRC32 crc = new CRC32();
        crc.update(doc);
        return (int) crc.getValue();
    }

    /**
     * Reads documents by offset from a memory map of the store (mapped again when an index points
     * past its end, after an append); thread-safe: reads are absolute gets.
     */
    static final class Reader {
        private final Path file;
        private volatile ByteBuffer map;

        private Reader(Path file) throws IOException {
            this.file = file;
            this.map = map(file);
        }

        private static ByteBuffer map(Path file) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            }
        }

        /** The document's bytes, or null if they are not there or their CRC-32 differs. */
        byte[] read(VersionEntry v) throws IOException {
            if (!v.hasDoc() || v.docOffset() < HEADER || v.docLength() < 0) {
                return null;
            }
            ByteBuffer m = map;
            if (v.docOffset() + v.docLength() > m.limit()) {
                synchronized (this) {
                    if (v.docOffset() + v.docLength() > map.limit()) {
                        map = map(file);
                    }
                    m = map;
                }
                if (v.docOffset() + v.docLength() > m.limit()) {
                    return null;
                }
            }
            byte[] doc = new byte[v.docLength()];
            m.get((int) v.docOffset(), doc);
            return crc(doc) == v.docCrc() ? doc : null;
        }
    }
}
