package io.gitmodel.registry;

import java.util.List;
import java.util.Objects;

/**
 * What a stage holds of a model: one version for a single-slot stage, a set for a multi-valued one.
 *
 * @param model the model
 * @param stage the stage
 * @param versions the versions held, ascending
 */
public record StageAssignment(ModelName model, StageName stage, List<Integer> versions) {
    public StageAssignment {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stage, "stage");
        versions = List.copyOf(versions);
    }

    /** The versions held, as references ({@code fraud@v3}). */
    public List<ModelRef> refs() {
        return versions.stream().map(v -> ModelRef.of(model, v)).toList();
    }
}
