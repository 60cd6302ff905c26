package io.gitmodel.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a version was made: the data sets, the source code, the parent model versions and the
 * environment. {@code code} and {@code environment} may be {@code null} when unknown.
 * {@code extensions} holds keys written by newer tools, kept on round trip.
 */
public record Lineage(List<Dataset> datasets, SourceCode code, List<ModelRef> parents, Environment environment,
        Map<String, Object> extensions) {
    public Lineage {
        datasets = List.copyOf(Objects.requireNonNull(datasets, "datasets"));
        parents = List.copyOf(Objects.requireNonNull(parents, "parents"));
        extensions = Values.immutableTree(Objects.requireNonNull(extensions, "extensions"));
    }

    /** No lineage at all. */
    public static Lineage empty() {
        return new Lineage(List.of(), null, List.of(), null, Map.of());
    }
}
