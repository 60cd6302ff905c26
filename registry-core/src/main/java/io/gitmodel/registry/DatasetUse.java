package io.gitmodel.registry;

import java.util.Objects;
import java.util.Set;

/**
 * A version trained on a data set, and the stages that hold it now.
 *
 * @param version the version whose lineage names the data set
 * @param dataset the data set as that version records it (URI and digest)
 * @param stages the stages that hold the version now; empty if none
 */
public record DatasetUse(ModelVersion version, Dataset dataset, Set<StageName> stages) {
    public DatasetUse {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(dataset, "dataset");
        stages = Set.copyOf(stages);
    }
}
