package io.gitmodel.registry.internal.index;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One model in the index: its versions by number (those with a version tag) and what each stage
 * holds of it now. A model that only a stage file names has no versions.
 */
record ModelEntry(String name, SortedMap<Integer, VersionEntry> versions, SortedMap<String, List<Integer>> held) {
    ModelEntry {
        versions = new TreeMap<>(versions);
        held = new TreeMap<>(held);
    }

    static ModelEntry empty(String name) {
        return new ModelEntry(name, new TreeMap<>(), new TreeMap<>());
    }

    ModelEntry withVersions(SortedMap<Integer, VersionEntry> v) {
        return new ModelEntry(name, v, held);
    }

    ModelEntry withHeld(String stage, List<Integer> versions) {
        TreeMap<String, List<Integer>> h = new TreeMap<>(held);
        if (versions == null || versions.isEmpty()) {
            h.remove(stage);
        } else {
            h.put(stage, List.copyOf(versions));
        }
        return new ModelEntry(name, this.versions, h);
    }

    boolean isEmpty() {
        return versions.isEmpty() && held.isEmpty();
    }
}
