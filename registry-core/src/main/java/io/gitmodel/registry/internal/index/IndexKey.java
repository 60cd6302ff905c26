package io.gitmodel.registry.internal.index;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What an index was built from: the registry branch tip and every stage branch tip. An index
 * answers only while the refs still hold exactly these ids.
 *
 * @param registry the registry branch tip
 * @param stages   stage name to its branch tip, sorted by name
 */
record IndexKey(ObjectId registry, SortedMap<String, ObjectId> stages) {
    IndexKey {
        registry = registry.copy();
        stages = Collections.unmodifiableSortedMap(new TreeMap<>(stages));
    }
}
