package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** A sha256 digest as 64 lowercase hex digits: the Git LFS object id of an artifact. */
public record Sha256(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new InvalidValueException("sha256 \"" + ModelName.printable(hex) + "\" is invalid: expected 64 lowercase hex digits");
        }
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
