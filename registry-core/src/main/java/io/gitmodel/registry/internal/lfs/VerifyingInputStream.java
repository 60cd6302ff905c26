package io.gitmodel.registry.internal.lfs;

import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.errors.ArtifactIntegrityException;
import io.gitmodel.registry.errors.CorruptArtifactException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through while hashing them; at end of stream checks the size and sha256 and
 * throws {@link ArtifactIntegrityException} on a mismatch, so a reader that consumes the whole
 * stream never silently gets corrupt bytes. Also fails as soon as more bytes than expected arrive.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final MessageDigest digest = Sha256Digests.newDigest();
    private final Sha256 expected;
    private final long expectedSize;
    private final String what;
    private long count;
    private boolean verified;

    /**
     * @param what names the artifact in error messages, e.g. {@code fraud@v2:model.onnx}
     */
    public VerifyingInputStream(InputStream in, Sha256 expected, long expectedSize, String what) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            verify();
            return -1;
        }
        digest.update(b, off, n);
        count += n;
        if (count > expectedSize) {
            throw new ArtifactIntegrityException(new CorruptArtifactException(expected.prefixed(), null,
                    what + " is corrupt: more than the expected " + expectedSize + " bytes"));
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed, so read them.
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: hashing cannot rewind
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void verify() throws ArtifactIntegrityException {
        if (verified) {
            return;
        }
        verified = true;
        if (count != expectedSize) {
            throw new ArtifactIntegrityException(new CorruptArtifactException(expected.prefixed(), null,
                    what + " is corrupt: " + count + " bytes instead of " + expectedSize));
        }
        Sha256 actual = Sha256.of(digest.digest());
        if (!actual.equals(expected)) {
            throw new ArtifactIntegrityException(new CorruptArtifactException(expected.prefixed(), actual.prefixed(),
                    what + " is corrupt: its sha256 is " + actual.hex() + " but the registry recorded " + expected.hex()));
        }
    }
}
