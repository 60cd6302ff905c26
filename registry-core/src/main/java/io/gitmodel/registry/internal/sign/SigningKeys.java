package io.gitmodel.registry.internal.sign;

import io.gitmodel.registry.SigningKey;
import io.gitmodel.registry.errors.InvalidValueException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPPublicKeyRingCollection;

/** Public keys as registry.yaml lists them: an SSH public key line or an ASCII-armoured OpenPGP key. */
public final class SigningKeys {
    private static final Set<String> SSH_TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");
    private static final String PGP_BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private SigningKeys() {
    }

    /**
     * Reads a key: an SSH public key line ({@code ssh-ed25519 AAAA… comment}) or an armoured
     * OpenPGP public key block.
     *
     * @param fingerprint the fingerprint registry.yaml states for an OpenPGP key, or null to compute it
     * @throws InvalidValueException if it is neither, or malformed
     */
    public static SigningKey parse(String text, String fingerprint, Instant revoked) {
        String key = text.strip();
        if (key.startsWith(PGP_BEGIN)) {
            String fpr = fingerprint != null ? fingerprint.replace(" ", "").toUpperCase(Locale.ROOT) : openPgpFingerprint(key);
            if (!fpr.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
                throw new InvalidValueException("OpenPGP fingerprint \"" + fingerprint + "\" is invalid: 40 (or 64) hex digits");
            }
            return new SigningKey(SigningKey.OPENPGP, key + "\n", fpr, revoked);
        }
        String[] parts = key.split("\\s+");
        if (parts.length < 2 || !SSH_TYPES.contains(parts[0])) {
            throw new InvalidValueException("key \"" + abbreviate(key) + "\" is neither an SSH public key line (ssh-ed25519 AAAA…)"
                    + " nor an armoured OpenPGP public key (" + PGP_BEGIN + ")");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("SSH key \"" + abbreviate(key) + "\" is invalid: its key part is not base64");
        }
        if (!parts[0].equals(sshType(blob))) {
            throw new InvalidValueException("SSH key \"" + abbreviate(key) + "\" is invalid: its key part is not a " + parts[0] + " key");
        }
        return new SigningKey(SigningKey.SSH, parts[0] + " " + parts[1], sshFingerprint(blob), revoked);
    }

    /** {@code SHA256:<base64, no padding>}, as {@code ssh-keygen -l} prints it. */
    public static String sshFingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The key type named inside an SSH public key blob (its first length-prefixed string), or null. */
    private static String sshType(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int length = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (length <= 0 || length > blob.length - 4) {
            return null;
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    /** The fingerprint of the primary key of an armoured OpenPGP public key block. */
    public static String openPgpFingerprint(String armored) {
        return HexFormat.of().withUpperCase().formatHex(openPgpRing(armored).getPublicKey().getFingerprint());
    }

    /** The key ring of an armoured OpenPGP public key block. */
    public static PGPPublicKeyRing openPgpRing(String armored) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            JcaPGPPublicKeyRingCollection rings = new JcaPGPPublicKeyRingCollection(in);
            var it = rings.getKeyRings();
            if (!it.hasNext()) {
                throw new InvalidValueException("the OpenPGP key block holds no public key");
            }
            return it.next();
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof InvalidValueException invalid) {
                throw invalid;
            }
            throw new InvalidValueException("the OpenPGP key block is not a valid public key: " + e.getMessage());
        }
    }

    /** Whether an OpenPGP key ring holds the key (primary or subkey) with this key id. */
    static PGPPublicKey openPgpKey(PGPPublicKeyRing ring, long keyId) {
        return ring.getPublicKey(keyId);
    }

    private static String abbreviate(String key) {
        return key.length() > 40 ? key.substring(0, 37) + "..." : key;
    }
}
