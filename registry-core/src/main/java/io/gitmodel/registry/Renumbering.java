package io.gitmodel.registry;

import java.util.Objects;

/**
 * A local version that a pull gave a new number, because the remote had published a version
 * under its old one while this registry was offline. The old number is never used again.
 *
 * @param model the model
 * @param from the number the version had here
 * @param to the number it has now
 */
public record Renumbering(ModelName model, int from, int to) {
    public Renumbering {
        Objects.requireNonNull(model, "model");
        if (from < 1 || to < 1) {
            throw new IllegalArgumentException("version numbers start at 1: " + model + " " + from + " -> " + to);
        }
    }

    /** The reference the version had, e.g. {@code fraud@v5}. */
    public ModelRef before() {
        return ModelRef.of(model, from);
    }

    /** The reference it has now, e.g. {@code fraud@v6}. */
    public ModelRef after() {
        return ModelRef.of(model, to);
    }

    /** {@code fraud@v5 -> fraud@v6}. */
    @Override
    public String toString() {
        return before() + " -> " + after();
    }
}
