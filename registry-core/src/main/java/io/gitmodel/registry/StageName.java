package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidNameException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a lifecycle stage, e.g. {@code production}: 1 to 40 characters of lowercase ASCII
 * letters, digits, {@code _} and {@code -}, starting with a letter, and neither {@code latest}
 * nor {@code v<N>} (those select versions in a reference). The stage's branch is
 * {@code refs/heads/stages/<name>}.
 */
public record StageName(String value) implements Comparable<StageName> {
    // before ARCHIVED: static fields initialise in order, and the constructor needs the pattern
    private static final Pattern SYNTAX = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    /** The stage every registry has for retired versions. */
    public static final StageName ARCHIVED = new StageName("archived");

    public StageName {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches() || value.equals("latest") || value.matches("v-?[0-9]+")) {
            throw new InvalidNameException(value, "stage name \"" + ModelName.printable(value)
                    + "\" is invalid: must match [a-z][a-z0-9_-]* (at most 40 characters), and not be 'latest' or 'v<N>'");
        }
    }

    /** Parses and validates a stage name. */
    public static StageName of(String value) {
        return new StageName(value);
    }

    /** Whether this is the {@code archived} stage. */
    public boolean isArchived() {
        return equals(ARCHIVED);
    }

    @Override
    public int compareTo(StageName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
