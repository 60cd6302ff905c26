package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.ModelRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every version's parents and children by reference: the shape of the lineage, without the
 * versions. Built once per registry tip (from the index, a few members of each document), so a
 * catalog that draws the lineage of 1,000 models reads the registry's lineage once, not 1,000 times.
 */
record ParentGraph(Object key, Map<ModelRef, List<ModelRef>> parents, Map<ModelRef, List<ModelRef>> children) {
    /** @param parents each version's parents, in registry order (models by name, versions by number): children keep it */
    static ParentGraph of(Object key, Map<ModelRef, List<ModelRef>> parents) {
        Map<ModelRef, List<ModelRef>> children = new HashMap<>();
        parents.forEach((child, ps) -> ps.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(child)));
        children.replaceAll((k, v) -> List.copyOf(v));
        return new ParentGraph(key, Map.copyOf(parents), Map.copyOf(children));
    }

    /** Whether the reference names a version of the registry. */
    boolean exists(ModelRef ref) {
        return parents.containsKey(ref);
    }
}
