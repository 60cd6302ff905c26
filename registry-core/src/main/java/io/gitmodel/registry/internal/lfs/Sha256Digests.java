package io.gitmodel.registry.internal.lfs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 message digests (every Java runtime has them). */
final class Sha256Digests {
    private Sha256Digests() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
