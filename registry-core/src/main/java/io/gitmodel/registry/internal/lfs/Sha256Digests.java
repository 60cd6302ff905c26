package io.gitmodel.registry.internal.lfs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 message digests (every Java runtime has them). */
public final class Sha256Digests {
    private Sha256Digests() {
    }

    /** The sha256 of everything {@code in} yields, read in constant memory. */
    public static io.gitmodel.registry.Sha256 hash(java.io.InputStream in) throws java.io.IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, n);
        }
        return io.gitmodel.registry.Sha256.of(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
