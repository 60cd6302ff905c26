package io.gitmodel.registry;

import java.util.List;

/**
 * What a stage holds of a model: one version for a single-slot stage, a set for a multi-valued one.
 *
 * @param model the model
 * @param stage the stage
 * @param versions the versions held, ascending
 */
public record StageAssignment(ModelName model, String stage, List<Integer> versions) {
    public StageAssignment {
        versions = List.copyOf(versions);
    }
}
