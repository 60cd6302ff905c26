package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import java.time.Instant;
import java.util.Objects;

/**
 * A public key a principal signs with, as registry.yaml lists it: an SSH public key line
 * ({@code ssh-ed25519 AAAA… comment}, as in an allowed-signers file) or an ASCII-armoured OpenPGP
 * public key. A key that was revoked stays listed with the instant of its revocation: signatures
 * dated before it still verify (the history they signed stays valid), later ones do not.
 *
 * @param format {@code ssh} or {@code openpgp}
 * @param publicKey the key as written in registry.yaml
 * @param fingerprint the key's fingerprint ({@code SHA256:…} for SSH, 40 hex digits for OpenPGP)
 * @param revoked when the key stopped being trusted, or null if it is trusted
 */
public record SigningKey(String format, String publicKey, String fingerprint, Instant revoked) {
    public static final String SSH = "ssh";
    public static final String OPENPGP = "openpgp";

    public SigningKey {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!format.equals(SSH) && !format.equals(OPENPGP)) {
            throw new InvalidValueException("key format \"" + format + "\" is invalid: ssh or openpgp");
        }
    }

    /** Whether a signature made at {@code when} counts: the key was not revoked by then. */
    public boolean trustedAt(Instant when) {
        return revoked == null || when.isBefore(revoked);
    }

    /** This key, revoked at {@code when}. */
    public SigningKey revokedAt(Instant when) {
        return new SigningKey(format, publicKey, fingerprint, when);
    }
}
