package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.index.IndexSnapshot;
import io.gitmodel.registry.internal.index.RegistryIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verify's check of the derived index: it must say what Git says (its structure against an index
 * built from nothing, each stored document against the version read from Git). An index that
 * disagrees is removed, to be built again on the next read; it is derived data, so the registry
 * has no finding, only a warning.
 */
final class IndexAudit {
    private static final Logger LOG = LoggerFactory.getLogger(IndexAudit.class);

    private final RegistryIndex index;
    private final Optional<IndexSnapshot> stored;
    private final List<String> problems = new ArrayList<>();

    IndexAudit(RegistryIndex index) {
        this.index = index;
        this.stored = index == null ? Optional.empty() : index.stored();
    }

    /** Compares the stored document of a version with the version as Git has it. */
    void compare(ModelVersion fromGit) {
        if (stored.isEmpty() || problems.size() > 10) {
            return;
        }
        try {
            stored.get().storedVersion(fromGit.name(), fromGit.version())
                    .filter(indexed -> !indexed.equals(fromGit))
                    .ifPresent(indexed -> problems.add("its document of " + fromGit.ref() + " differs from "
                            + fromGit.ref() + " in Git"));
        } catch (RegistryException | RuntimeException e) {
            problems.add("its document of " + fromGit.ref() + " cannot be read: " + e.getMessage());
        }
    }

    /** Checks the structure, then removes an index found to disagree. */
    void finish() {
        if (stored.isEmpty()) {
            return;
        }
        problems.addAll(index.check());
        if (!problems.isEmpty()) {
            LOG.warn("the registry index in {} disagrees with the registry ({}); it was removed and is built again on the next"
                    + " read", index.directory(), String.join("; ", problems));
            index.drop();
        }
    }
}
