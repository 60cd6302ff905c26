package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.query.Comparer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lays several versions side by side: their metrics and parameters, and each metric's best
 * value. The best is the highest, or the lowest for a metric whose name says loss, error, err,
 * rmse, mse, mae, mape, latency, perplexity, time or duration; {@link #lowerIsBetter} and
 * {@link #higherIsBetter} say it for a metric explicitly.
 */
public final class CompareCommand extends RegistryCommand<Comparison> {
    private final Registry registry;
    private final List<ModelRef> refs = new ArrayList<>();
    private final Set<String> lower = new LinkedHashSet<>();
    private final Set<String> higher = new LinkedHashSet<>();

    CompareCommand(Registry registry, List<String> refs) {
        this.registry = registry;
        for (String ref : refs) {
            this.refs.add(ModelRef.parse(ref));
        }
        if (this.refs.isEmpty()) {
            throw new io.gitmodel.registry.errors.InvalidReferenceException("", "compare needs at least one version reference");
        }
    }

    /** The metric is better when lower. */
    public CompareCommand lowerIsBetter(String metric) {
        lower.add(metric);
        higher.remove(metric);
        return this;
    }

    /** The metric is better when higher, whatever its name says. */
    public CompareCommand higherIsBetter(String metric) {
        higher.add(metric);
        lower.remove(metric);
        return this;
    }

    @Override
    public Comparison call() throws RegistryException {
        checkCallable();
        List<ModelVersion> versions = new ArrayList<>();
        for (ModelRef ref : refs) {
            versions.add(registry.resolve(ref));
        }
        return Comparer.compare(versions, lower, higher);
    }
}
