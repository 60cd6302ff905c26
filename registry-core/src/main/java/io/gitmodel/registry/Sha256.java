package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import java.util.HexFormat;
import java.util.Objects;

/** A sha256 digest as 64 lowercase hex digits: the Git LFS object id of an artifact. */
public record Sha256(String hex) {
    public Sha256 {
        Objects.requireNonNull(hex, "hex");
        if (!isHex64(hex)) {
            throw new InvalidValueException("sha256 \"" + ModelName.printable(hex) + "\" is invalid: expected 64 lowercase hex digits");
        }
    }

    /** Whether the text is 64 lowercase hex digits (a loop, not a regular expression: listings check 100,000 of them). */
    private static boolean isHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code <hex>} or {@code sha256:<hex>}. */
    public static Sha256 parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Sha256(text.startsWith("sha256:") ? text.substring("sha256:".length()) : text);
    }

    public static Sha256 of(byte[] digest) {
        return new Sha256(HexFormat.of().formatHex(digest));
    }

    /** {@code sha256:<hex>}, the form used in metadata and pointers. */
    public String prefixed() {
        return "sha256:" + hex;
    }

    @Override
    public String toString() {
        return prefixed();
    }
}
