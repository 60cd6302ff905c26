package io.gitmodel.registry.internal.index;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Everything an index file holds, decoded: the key it was built from, the registry.yaml it read
 * (blob id and declared stages, in declaration order), the commits that changed registry.yaml on
 * the registry branch's first-parent line (oldest first), the document store it points into, and
 * every model.
 */
record IndexData(IndexKey key, ObjectId policyBlob, List<String> declaredStages, List<ObjectId> policyCommits,
        long docsGeneration, SortedMap<String, ModelEntry> models) {
    IndexData {
        declaredStages = List.copyOf(declaredStages);
        policyCommits = List.copyOf(policyCommits);
        models = new TreeMap<>(models);
    }
}
