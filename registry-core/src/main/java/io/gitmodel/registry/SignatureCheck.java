package io.gitmodel.registry;

import java.util.Objects;

/**
 * The result of verifying a commit's signature.
 *
 * @param status what verification found
 * @param format {@code ssh} or {@code openpgp}, or empty for an unsigned commit
 * @param signer who signed: the SSH principal or the OpenPGP user id, if known
 * @param fingerprint the key fingerprint, if known
 * @param allowed whether the signature is good and the signer is one the registry allows
 * @param detail a one-line explanation
 */
public record SignatureCheck(Status status, String format, String signer, String fingerprint, boolean allowed, String detail) {
    /** What verification found. */
    public enum Status {
        /** The commit carries no signature. */
        UNSIGNED,
        /** The signature verifies with a known key. */
        GOOD,
        /** The signature does not match the commit: it was altered. */
        BAD,
        /** The signature could not be checked: unknown key, no allowed-signers file. */
        UNVERIFIED
    }

    public SignatureCheck {
        Objects.requireNonNull(status, "status");
        format = format == null ? "" : format;
        signer = signer == null ? "" : signer;
        fingerprint = fingerprint == null ? "" : fingerprint;
        detail = detail == null ? "" : detail;
    }

    public static SignatureCheck unsigned() {
        return new SignatureCheck(Status.UNSIGNED, "", "", "", false, "not signed");
    }

    /** A short form for tables: {@code good ssh ada@example.com}, {@code unsigned}. */
    public String summary() {
        return switch (status) {
            case UNSIGNED -> "unsigned";
            case GOOD -> (allowed ? "good " : "good (signer not allowed) ") + format + (signer.isEmpty() ? "" : " " + signer);
            case BAD -> "BAD " + format;
            case UNVERIFIED -> "unverified " + format + (signer.isEmpty() ? "" : " " + signer);
        };
    }
}
