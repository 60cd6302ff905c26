package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.query.RegistryQueries;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read side of {@link Registry}: stages, histories, listings, queries, comparisons and
 * lineage. Kept apart from the facade's writes and lifecycle; every method is a public method of
 * {@code Registry}.
 */
abstract class RegistryReads {
    RegistryReads() {
    }

    abstract RegistryQueries queries();

    /** Resolves a reference such as {@code fraud@v2}, {@code fraud@latest} or {@code fraud@production}. */
    public abstract ModelVersion resolve(String reference) throws RegistryException;

    /**
     * What every stage holds of every model, now ({@code at == null}) or at an instant, by the
     * stage branches' history.
     */
    public List<StageAssignment> status(Instant at) throws RegistryException {
        return queries().status(at);
    }

    /**
     * A model's whole life in time order: registrations and every stage change on every stage,
     * with who, when, why and each stage commit's verified signature.
     */
    public List<ModelEvent> history(String model) throws RegistryException {
        return queries().history(ModelName.of(model));
    }

    /** Every change of one stage, oldest first. */
    public List<ModelEvent> log(String stage) throws RegistryException {
        return queries().log(StageName.of(stage));
    }

    /**
     * What changed from one version to another: metrics with deltas, parameters, tags, data sets,
     * parents, source, environment, artifacts and the model card.
     */
    public VersionDiff diff(String from, String to) throws RegistryException {
        return queries().diff(resolve(from), resolve(to));
    }

    /** What changed from the version before {@code reference} (the newest older one left) to it. */
    public VersionDiff diffWithPrevious(String reference) throws RegistryException {
        return queries().diffWithPrevious(resolve(reference));
    }

    /**
     * Where a version comes from (its parent models, recursively; each with its data sets and
     * source code) and what was built on it (the versions naming it as a parent, recursively).
     */
    public LineageGraph lineage(String reference) throws RegistryException {
        return queries().lineage(resolve(reference));
    }

    /**
     * Every version trained on a data set, named by its URI or its sha256 digest (with or without
     * {@code sha256:}, or a prefix of at least 12 hex digits), with the stages that hold it now.
     */
    public List<DatasetUse> whereUsed(String dataset) throws RegistryException {
        if (dataset == null || dataset.isBlank()) {
            throw new io.gitmodel.registry.errors.InvalidValueException("name a data set: its URI or its sha256 digest");
        }
        return queries().whereUsed(dataset);
    }

    /** The version's model card (Markdown, {@code models/<name>/README.md} as it registered it), if it has one. */
    public Optional<String> modelCard(ModelVersion version) throws RegistryException {
        return queries().modelCard(version);
    }

    /** Finds versions by a filter expression, text, sort order and limit. */
    public SearchCommand search() {
        return new SearchCommand((Registry) this);
    }

    /** Several versions side by side: metrics, parameters and each metric's best value. */
    public CompareCommand compare(List<String> references) {
        return new CompareCommand((Registry) this, references);
    }

    /** The names of all models, sorted. */
    public List<ModelName> models() throws RegistryException {
        return queries().models();
    }

    /** Every version of a model, oldest first. */
    public List<ModelVersion> versions(String model) throws RegistryException {
        return queries().versions(ModelName.of(model));
    }
}
