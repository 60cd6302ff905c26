package io.gitmodel.registry;

import io.gitmodel.registry.errors.UnsafePathException;
import java.util.Objects;

/**
 * The path of an artifact inside a model version: relative, {@code /}-separated, no empty,
 * {@code .} or {@code ..} segments, no backslashes or control characters, at most 1024
 * characters. Such a path can never escape the artifact directory it is exported into.
 */
public record ArtifactPath(String value) implements Comparable<ArtifactPath> {
    public static final int MAX_LENGTH = 1024;

    public ArtifactPath {
        Objects.requireNonNull(value, "value");
        String problem = problem(value);
        if (problem != null) {
            throw new UnsafePathException(value, "artifact path \"" + ModelName.printable(value) + "\" is invalid: " + problem);
        }
    }

    public static ArtifactPath of(String value) {
        return new ArtifactPath(value);
    }

    private static String problem(String value) {
        if (value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        if (value.startsWith("/")) {
            return "it is absolute; artifact paths are relative to the artifact root";
        }
        if (value.length() >= 2 && value.charAt(1) == ':') {
            return "it looks like a drive-letter path";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                return "it contains a backslash; use '/' as the separator";
            }
            if (c < 0x20 || c == 0x7f) {
                return "it contains a control character";
            }
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it contains an empty segment ('//' or a trailing '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it contains a '" + segment + "' segment that could escape the artifact root";
            }
            if (segment.equalsIgnoreCase(".git")) {
                return "it contains a '.git' segment";
            }
        }
        return null;
    }

    /** The last segment, e.g. {@code model.onnx}. */
    public String fileName() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? value : value.substring(slash + 1);
    }

    @Override
    public int compareTo(ArtifactPath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
