package io.gitmodel.registry.internal.lfs;

import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.errors.ArtifactMissingException;
import io.gitmodel.registry.errors.CorruptArtifactException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content-addressed artifact store, laid out exactly as Git LFS lays out its local store:
 * {@code <git-dir>/lfs/objects/aa/bb/<sha256>}, with temporary files in {@code <git-dir>/lfs/tmp}.
 *
 * <p>Objects are written by streaming into a temporary file while hashing, forcing it to disk,
 * and renaming it into place; a partially written object is never visible under its final name.
 */
public final class LfsObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(LfsObjectStore.class);
    private static final int BUFFER = 256 * 1024;

    private final Path objects;
    private final Path tmp;

    public LfsObjectStore(Path gitDir) {
        Path lfs = gitDir.resolve("lfs");
        this.objects = lfs.resolve("objects");
        this.tmp = lfs.resolve("tmp");
    }

    /** Where the object with this id lives (whether or not it exists). */
    public Path path(Sha256 oid) {
        String hex = oid.hex();
        return objects.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    public boolean contains(Sha256 oid, long size) {
        Path p = path(oid);
        try {
            return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == size;
        } catch (IOException e) {
            return false;
        }
    }

    /** What {@link #insert} stored. */
    public record Stored(Sha256 oid, long size, boolean copied) {
    }

    /**
     * Streams {@code in} into the store in constant memory.
     *
     * @param progress receives the number of bytes copied so far, for progress display
     */
    public Stored insert(InputStream in, LongConsumer progress) throws IOException {
        Path temp = newTempFile();
        try {
            Received r = receive(in, temp, progress, Long.MAX_VALUE);
            return new Stored(r.oid(), r.size(), moveIntoPlace(temp, r.oid(), r.size()));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Inserts bytes that must hash to {@code expected} (a download, a copy from another store):
     * on a mismatch nothing is stored and {@link CorruptArtifactException} is thrown.
     */
    public Stored insertVerified(InputStream in, Sha256 expected, long expectedSize, LongConsumer progress)
            throws IOException, CorruptArtifactException {
        Path temp = newTempFile();
        try {
            // one byte more than announced is enough to know it is wrong: a sender that never stops
            // must not fill the disk
            Received r = receive(in, temp, progress, expectedSize + 1);
            if (r.size() < expectedSize) {
                throw new java.io.EOFException("the transfer of object " + expected.hex() + " ended after " + r.size() + " of "
                        + expectedSize + " bytes (connection lost?); nothing was stored");
            }
            if (!r.oid().equals(expected) || r.size() != expectedSize) {
                throw new CorruptArtifactException(expected.prefixed(), r.oid().prefixed(), "received object "
                        + expected.hex() + " is corrupt: got " + (r.size() > expectedSize ? "more than " + expectedSize
                                : Long.toString(r.size())) + " bytes with sha256 " + r.oid().hex()
                        + ", expected " + expectedSize + " bytes; nothing was stored");
            }
            return new Stored(r.oid(), r.size(), moveIntoPlace(temp, r.oid(), r.size()));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private record Received(Sha256 oid, long size) {
    }

    private Path newTempFile() throws IOException {
        Files.createDirectories(tmp);
        Path file = SharedFiles.createTemp(tmp, "incoming-", ".tmp");
        return file;
    }

    /** Copies into {@code temp} while hashing. */
    private static Received receive(InputStream in, Path temp, LongConsumer progress, long limit) throws IOException {
        MessageDigest digest = Sha256Digests.newDigest();
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE), digest)) {
            size = copy(limit == Long.MAX_VALUE ? in : new java.io.FilterInputStream(in) {
                private long left = limit;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    left -= Math.max(n, 0);
                    return n;
                }
            }, out, progress);
        }
        return new Received(Sha256.of(digest.digest()), size);
    }

    private boolean moveIntoPlace(Path temp, Sha256 oid, long size) throws IOException {
        Path target = path(oid);
        if (contains(oid, size)) {
            LOG.debug("object {} already present, not copied again", oid.hex());
            return false;
        }
        // Force the bytes to disk before the object can be published under its name, so a crash
        // never leaves a ref pointing at an object whose content was lost. Only new objects pay this.
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(false);
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            try {
                Files.move(temp, target);
            } catch (FileAlreadyExistsException ignore) {
                // another writer stored the same content meanwhile; content addressing makes it ours too
            }
        }
        return true;
    }

    /**
     * Opens an object for reading; the stream verifies size and sha256 at end of stream.
     *
     * @param what names the artifact in errors, e.g. {@code fraud@v2:model.onnx}
     */
    public InputStream open(Sha256 oid, long size, String what) throws ArtifactMissingException, IOException {
        Path p = path(oid);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArtifactMissingException(oid.prefixed(), what + " (object " + oid.hex() + ") is not in the local artifact store "
                    + objects + "; fetch it from a remote that has it");
        }
        return new VerifyingInputStream(Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS), oid, size, what);
    }

    static long copy(InputStream in, OutputStream out, LongConsumer progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
            progress.accept(total);
        }
        return total;
    }
}
