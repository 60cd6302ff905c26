package io.gitmodel.registry.internal.store;

import java.io.IOException;
import java.util.List;

/**
 * Called after a write has stored all its objects and before it moves any ref: the moment a
 * crash must leave nothing visible. Tests inject faults here (as Lucene's MockDirectoryWrapper
 * does between file operations) to prove that a write interrupted at this point publishes nothing.
 */
@FunctionalInterface
public interface RefUpdateHook {
    /** Does nothing. */
    RefUpdateHook NONE = refs -> { };

    /** @param refs the refs about to move, in the order the update names them */
    void beforeRefUpdate(List<String> refs) throws IOException;
}
