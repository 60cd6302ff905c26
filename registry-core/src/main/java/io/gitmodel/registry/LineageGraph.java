package io.gitmodel.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a version comes from and what was built on it. Upstream: its parent models, their
 * parents, and so on (each version carries its data sets and source code in
 * {@link ModelVersion#lineage()}); downstream: the versions that name it as a parent, their
 * children, and so on. Immutable.
 *
 * @param root the version asked about
 * @param upstream every ancestor, nearest first (breadth first), each once
 * @param downstream every descendant, nearest first, each once
 * @param edges every parent-to-child link among these versions
 * @param missing parents named in lineage that are not in the registry (deleted, or never pulled here)
 */
public record LineageGraph(ModelVersion root, List<ModelVersion> upstream, List<ModelVersion> downstream, List<Edge> edges,
        List<ModelRef> missing) {
    public LineageGraph {
        Objects.requireNonNull(root, "root");
        upstream = List.copyOf(upstream);
        downstream = List.copyOf(downstream);
        edges = List.copyOf(edges);
        missing = List.copyOf(missing);
    }

    /** {@code child} names {@code parent} in its lineage. */
    public record Edge(ModelRef parent, ModelRef child) {
        public Edge {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(child, "child");
        }
    }

    /** Every version of the graph: the root, then upstream, then downstream. */
    public List<ModelVersion> versions() {
        List<ModelVersion> all = new java.util.ArrayList<>();
        all.add(root);
        all.addAll(upstream);
        all.addAll(downstream);
        return all;
    }

    /** The version of the graph with this reference. */
    public Optional<ModelVersion> version(ModelRef ref) {
        return versions().stream().filter(v -> v.ref().equals(ref)).findFirst();
    }

    /** The versions of the graph that name {@code parent} as a parent. */
    public List<ModelRef> children(ModelRef parent) {
        return edges.stream().filter(e -> e.parent().equals(parent)).map(Edge::child).toList();
    }
}
