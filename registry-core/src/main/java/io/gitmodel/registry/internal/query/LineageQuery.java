package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.DatasetUse;
import io.gitmodel.registry.LineageGraph;
import io.gitmodel.registry.LineageGraph.Edge;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lineage across versions: ancestors through each version's recorded parents, descendants
 * through the versions that name it, and every version trained on a data set. Reads every
 * version once per call (a registry-wide index is a later step).
 */
final class LineageQuery {
    private final RegistryQueries queries;

    LineageQuery(RegistryQueries queries) {
        this.queries = queries;
    }

    LineageGraph lineage(ModelVersion root) throws RegistryException {
        ParentGraph graph = queries.parentGraph();
        Set<Edge> edges = new LinkedHashSet<>(); // an edge found from both sides is kept once
        List<ModelRef> missing = new ArrayList<>();
        List<ModelVersion> upstream = new ArrayList<>();
        Set<ModelRef> seen = new HashSet<>(Set.of(root.ref()));
        Deque<ModelRef> queue = new ArrayDeque<>(List.of(root.ref()));
        while (!queue.isEmpty()) {
            ModelRef v = queue.removeFirst();
            List<ModelRef> parents = v.equals(root.ref()) ? root.lineage().parents() : graph.parents().getOrDefault(v, List.of());
            for (ModelRef parent : parents) {
                edges.add(new Edge(parent, v));
                if (!graph.exists(parent)) {
                    if (!missing.contains(parent)) {
                        missing.add(parent);
                    }
                } else if (seen.add(parent)) {
                    upstream.add(queries.resolve(parent));
                    queue.addLast(parent);
                }
            }
        }
        List<ModelVersion> downstream = new ArrayList<>();
        Set<ModelRef> seenDown = new HashSet<>(Set.of(root.ref()));
        queue.add(root.ref());
        while (!queue.isEmpty()) {
            ModelRef v = queue.removeFirst();
            for (ModelRef child : graph.children().getOrDefault(v, List.of())) {
                edges.add(new Edge(v, child));
                if (seenDown.add(child)) {
                    downstream.add(queries.resolve(child));
                    queue.addLast(child);
                }
            }
        }
        return new LineageGraph(root, upstream, downstream, List.copyOf(edges), missing);
    }

    /**
     * Every version whose lineage names the data set: {@code what} is its URI, or its digest with
     * or without the {@code sha256:} prefix (an unambiguous prefix of at least 12 hex digits too).
     */
    List<DatasetUse> whereUsed(String what) throws RegistryException {
        String wanted = what.strip();
        String hex = wanted.toLowerCase(Locale.ROOT).startsWith("sha256:") ? wanted.substring(7).toLowerCase(Locale.ROOT)
                : wanted.toLowerCase(Locale.ROOT);
        boolean digest = hex.matches("[0-9a-f]{12,64}");
        Map<String, Set<StageName>> stages = new HashMap<>();
        for (StageAssignment a : queries.status(null)) {
            for (int version : a.versions()) {
                stages.computeIfAbsent(a.model() + "@v" + version, k -> new HashSet<>()).add(a.stage());
            }
        }
        List<DatasetUse> out = new ArrayList<>();
        for (ModelVersion v : allVersions()) {
            for (Dataset d : v.lineage().datasets()) {
                boolean byUri = d.uri().equals(wanted);
                boolean byDigest = digest && d.digest() != null && d.digest().toLowerCase(Locale.ROOT).startsWith("sha256:" + hex);
                if (byUri || byDigest) {
                    out.add(new DatasetUse(v, d, stages.getOrDefault(v.ref().toString(), Set.of())));
                    break;
                }
            }
        }
        return out;
    }

    private List<ModelVersion> allVersions() throws RegistryException {
        List<ModelVersion> all = new ArrayList<>();
        for (ModelName model : queries.models()) {
            all.addAll(queries.versions(model));
        }
        return all;
    }
}
