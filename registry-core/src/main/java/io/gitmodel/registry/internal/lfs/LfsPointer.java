package io.gitmodel.registry.internal.lfs;

import io.gitmodel.registry.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Git LFS pointer file, spec v1: three lines, {@code version}, {@code oid}, {@code size}, each
 * ending in LF, byte for byte what {@code git lfs} writes.
 */
public record LfsPointer(Sha256 oid, long size) {
    public static final String VERSION_LINE = "version https://git-lfs.github.com/spec/v1";
    /** Pointer files are small; anything larger is not a pointer (the spec says 1024 bytes). */
    public static final int MAX_SIZE = 1024;
    /** The sha256 of no bytes: the object an empty pointer file stands for. */
    public static final Sha256 EMPTY = new Sha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    private static final Pattern STRICT = Pattern.compile(
            "version https://git-lfs\\.github\\.com/spec/v1\noid sha256:([0-9a-f]{64})\nsize (0|[1-9][0-9]{0,18})\n");

    /** The pointer file's bytes. */
    public byte[] toBytes() {
        if (size == 0) {
            return new byte[0]; // Git LFS: an empty file is its own pointer
        }
        return (VERSION_LINE + "\noid sha256:" + oid.hex() + "\nsize " + size + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a canonical pointer file; anything else (extensions, other versions, garbage) is empty. */
    public static Optional<LfsPointer> parse(byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            return Optional.empty();
        }
        if (bytes.length == 0) {
            return Optional.of(new LfsPointer(EMPTY, 0));
        }
        Matcher m = STRICT.matcher(new String(bytes, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LfsPointer(new Sha256(m.group(1)), Long.parseLong(m.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
