package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.Comparison;
import io.gitmodel.registry.ModelVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Lays several versions side by side and finds each metric's best value. Pure. */
public final class Comparer {
    /** Metric names that say smaller is better: losses, errors, latencies, times. */
    private static final Pattern LOWER_IS_BETTER = Pattern.compile(
            ".*(loss|error|err|rmse|mse|mae|mape|latency|perplexity|time|duration).*");

    private Comparer() {
    }

    /** Whether a metric of this name is better when lower, judged by its name. */
    public static boolean lowerIsBetterByName(String metric) {
        return LOWER_IS_BETTER.matcher(metric.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * @param lowerIsBetter metrics better when lower, in addition to those {@link #lowerIsBetterByName} names
     * @param higherIsBetter metrics better when higher whatever their name says
     */
    public static Comparison compare(List<ModelVersion> versions, Set<String> lowerIsBetter, Set<String> higherIsBetter) {
        TreeSet<String> metrics = new TreeSet<>();
        TreeSet<String> params = new TreeSet<>();
        for (ModelVersion v : versions) {
            metrics.addAll(v.metrics().keySet());
            params.addAll(v.params().keySet());
        }
        Set<String> lower = new TreeSet<>();
        Map<String, Integer> best = new HashMap<>();
        for (String metric : metrics) {
            boolean low = lowerIsBetter.contains(metric) || (!higherIsBetter.contains(metric) && lowerIsBetterByName(metric));
            if (low) {
                lower.add(metric);
            }
            Integer bestIndex = null;
            int having = 0;
            boolean allEqual = true;
            Double first = null;
            for (int i = 0; i < versions.size(); i++) {
                Double value = versions.get(i).metrics().get(metric);
                if (value == null) {
                    continue;
                }
                having++;
                if (first == null) {
                    first = value;
                } else if (!first.equals(value)) {
                    allEqual = false;
                }
                double current = bestIndex == null ? Double.NaN : versions.get(bestIndex).metrics().get(metric);
                if (bestIndex == null || (low ? value < current : value > current)) {
                    bestIndex = i;
                }
            }
            if (having > 1 && !allEqual) {
                best.put(metric, bestIndex);
            }
        }
        return new Comparison(versions, List.copyOf(metrics), List.copyOf(params), best, lower);
    }
}
