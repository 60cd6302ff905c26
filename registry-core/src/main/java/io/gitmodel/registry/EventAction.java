package io.gitmodel.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * What an event in a model's life did. The lowercase {@link #word()} is what Git records in the
 * {@code Action} trailer of a stage commit and what the command line shows.
 */
public enum EventAction {
    /** A new version was registered (a commit and tag on the registry branch). */
    REGISTER,
    /** A version entered a stage. */
    PROMOTE,
    /** A model (or one version, in a multi-valued stage) left a stage. */
    DEMOTE,
    /** A single-slot stage went back to the version it held before. */
    ROLLBACK,
    /** Several models entered one stage in one commit. */
    RELEASE,
    /** A version was retired into the {@code archived} stage. */
    ARCHIVE,
    /** A version was taken out of the archive. */
    RESTORE,
    /** A reviewer approved a promotion request (a signed commit naming the change it approves). */
    APPROVE,
    /** A commit on a stage branch that git-model did not make: listed so that nothing is hidden, and flagged. */
    UNKNOWN;

    /** The lowercase word, e.g. {@code promote}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this action removes a version from the stage rather than putting one there. */
    public boolean removes() {
        return this == DEMOTE || this == RESTORE;
    }

    /** The action a stage commit's {@code Action} trailer records as {@code word}, if it is one. */
    public static Optional<EventAction> fromWord(String word) {
        for (EventAction a : values()) {
            if (a == APPROVE || a == UNKNOWN) {
                continue; // not actions a stage change records
            }
            if (a.word().equals(word)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return word();
    }
}
