package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data set a version was trained or evaluated on, identified by URI and, where known, by the
 * digest of its content ({@code sha256:<hex>}), so that "which models used this data" has an
 * exact answer.
 */
public record Dataset(String uri, String digest) {
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+:[0-9a-f]{16,128}");

    public Dataset {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank() || uri.length() > 2048 || uri.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidValueException("dataset URI \"" + ModelName.printable(uri)
                    + "\" is invalid: must be 1-2048 characters without control characters");
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new InvalidValueException("dataset digest \"" + ModelName.printable(digest) + "\" of " + uri
                    + " is invalid: expected <algorithm>:<hex>, e.g. sha256:9f86d0...");
        }
    }

    /** A data set known by URI only. */
    public static Dataset of(String uri) {
        return new Dataset(uri, null);
    }

    /**
     * Parses the command-line form {@code <uri>[@sha256:<hex>]}: the digest, if any, follows
     * the last {@code @}.
     */
    public static Dataset parse(String text) {
        int at = text.lastIndexOf('@');
        if (at > 0 && text.substring(at + 1).matches("(?i)(sha1|sha224|sha256|sha384|sha512|md5|blake2b|blake3):.*")) {
            // "<uri>@<algorithm>:..." is a digest, so a malformed one is an error, not part of the URI
            return new Dataset(text.substring(0, at), text.substring(at + 1));
        }
        return new Dataset(text, null);
    }

    @Override
    public String toString() {
        return digest == null ? uri : uri + "@" + digest;
    }
}
