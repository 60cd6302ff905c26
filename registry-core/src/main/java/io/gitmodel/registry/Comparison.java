package io.gitmodel.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Several versions side by side: every metric and parameter any of them has, and for each metric
 * the version with the best value. Immutable.
 *
 * @param versions the versions, in the order asked for
 * @param metrics every metric name any version has, sorted
 * @param params every parameter name any version has, sorted
 * @param best metric name to the index in {@link #versions()} of the best value (ties: the first);
 *     a metric only one version has, or with equal values everywhere, has no best
 * @param lowerIsBetter the metrics whose best value is the lowest; for the others it is the highest
 */
public record Comparison(List<ModelVersion> versions, List<String> metrics, List<String> params, Map<String, Integer> best,
        Set<String> lowerIsBetter) {
    public Comparison {
        versions = List.copyOf(versions);
        metrics = List.copyOf(metrics);
        params = List.copyOf(params);
        best = Map.copyOf(best);
        lowerIsBetter = Set.copyOf(lowerIsBetter);
    }

    /** The metric of the version at {@code index}, if it has it. */
    public Optional<Double> metric(int index, String metric) {
        return Optional.ofNullable(versions.get(index).metrics().get(metric));
    }

    /** Whether the version at {@code index} holds the best value of {@code metric}. */
    public boolean isBest(int index, String metric) {
        return Objects.equals(best.get(metric), index);
    }
}
