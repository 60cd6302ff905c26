package io.gitmodel.registry;

import java.util.Objects;

/**
 * The code a version was trained with: the Git repository (a remote URL, credentials removed,
 * or {@code null} if it has none), the commit, and whether the working tree had uncommitted
 * changes.
 */
public record SourceCode(String repository, String commit, boolean dirty) {
    public SourceCode {
        Objects.requireNonNull(commit, "commit");
    }
}
