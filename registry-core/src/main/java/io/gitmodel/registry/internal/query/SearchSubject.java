package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.index.IndexSnapshot;
import io.gitmodel.registry.internal.policy.expr.Subject;
import java.util.Map;
import java.util.Set;

/**
 * A search candidate. From the index, the fields filters name most (metrics, params, tags, name,
 * number, description) come from the stored document, and the version is built (every value
 * checked) only when a filter needs another field or the version is in the answer: a filter over
 * 100,000 versions builds the few that pass. Otherwise it wraps a version read from Git.
 */
final class SearchSubject implements Subject {
    /** Building a version from the index failed; carries the registry's error out of the comparator or filter. */
    static final class Failed extends RuntimeException {
        final RegistryException cause;

        Failed(RegistryException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    private final IndexSnapshot.Stored stored;
    private final ModelYaml.Summary summary;
    private ModelVersion version;
    private Set<StageName> stages = Set.of();
    private boolean modelCard;
    private Map<String, Double> metrics;
    private Map<String, Object> params;
    private Map<String, String> tags;

    private SearchSubject(IndexSnapshot.Stored stored, ModelVersion version) {
        this.stored = stored;
        this.summary = stored == null ? null : new ModelYaml.Summary(stored.document());
        this.version = version;
    }

    static SearchSubject of(IndexSnapshot.Stored stored) {
        return new SearchSubject(stored, null);
    }

    static SearchSubject of(ModelVersion version) {
        return new SearchSubject(null, version);
    }

    /** What only the search knows: the stages holding the version now, and whether it has a model card. */
    SearchSubject with(Set<StageName> stages, boolean modelCard) {
        this.stages = stages;
        this.modelCard = modelCard;
        return this;
    }

    /** {@code name@vN}, without building the version. */
    String ref() {
        return name() + "@v" + number();
    }

    @Override
    public ModelVersion version() {
        if (version == null) {
            try {
                version = stored.version();
            } catch (RegistryException e) {
                throw new Failed(e);
            }
        }
        return version;
    }

    @Override
    public Set<StageName> stages() {
        return stages;
    }

    @Override
    public boolean modelCard() {
        return modelCard;
    }

    @Override
    public Map<String, Double> metrics() {
        if (summary == null) {
            return version.metrics();
        }
        if (metrics == null) {
            metrics = summary.metrics();
        }
        return metrics;
    }

    @Override
    public Map<String, Object> params() {
        if (summary == null) {
            return version.params();
        }
        if (params == null) {
            params = summary.params();
        }
        return params;
    }

    @Override
    public Map<String, String> tags() {
        if (summary == null) {
            return version.tags();
        }
        if (tags == null) {
            tags = summary.tags();
        }
        return tags;
    }

    @Override
    public String name() {
        return summary == null ? version.name().value() : stored.model().value();
    }

    @Override
    public int number() {
        return summary == null ? version.version() : stored.number();
    }

    @Override
    public String description() {
        return summary == null ? version.description() : summary.description();
    }
}
