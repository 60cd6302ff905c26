package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidNameException;
import java.util.Objects;

/**
 * The name of a model: 1 to 100 characters of lowercase ASCII letters, digits, {@code .},
 * {@code _} and {@code -}, starting with a letter or digit, with no {@code ..} and not ending in
 * {@code .} or {@code .lock}. These rules keep a name valid as a directory name, a file name on
 * every common file system, and part of a Git ref ({@code refs/tags/<name>@v<N>}).
 */
public record ModelName(String value) implements Comparable<ModelName> {
    /** Longest allowed name, in characters. */
    public static final int MAX_LENGTH = 100;

    static final String RULE = "1-" + MAX_LENGTH + " characters of a-z, 0-9, '.', '_', '-', starting with a"
            + " letter or digit, without '..', not ending in '.' or '.lock'";

    public ModelName {
        Objects.requireNonNull(value, "value");
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidNameException(value, "model name \"" + printable(value) + "\" is invalid: "
                    + problem + " (rule: " + RULE + ")");
        }
    }

    /** Parses and validates a model name. */
    public static ModelName of(String value) {
        return new ModelName(value);
    }

    /** {@code [a-z0-9][a-z0-9._-]*}, as a loop: listings check 100,000 names. */
    private static boolean syntaxOk(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alnum && (i == 0 || c != '.' && c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    private static String problem(String value) {
        if (value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "it is " + value.length() + " characters long";
        }
        if (!syntaxOk(value)) {
            return value.charAt(0) == '.' || value.charAt(0) == '_' || value.charAt(0) == '-'
                    ? "it must start with a letter or digit"
                    : "it contains a character other than a-z, 0-9, '.', '_', '-'";
        }
        if (value.contains("..")) {
            return "it contains '..'";
        }
        if (value.endsWith(".") || value.endsWith(".lock")) {
            return "it ends in '.' or '.lock'";
        }
        return null;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        int max = Math.min(s.length(), 120);
        for (int i = 0; i < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > max) {
            b.append("...");
        }
        return b.toString();
    }

    @Override
    public int compareTo(ModelName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
