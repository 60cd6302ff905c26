package io.gitmodel.registry.internal.policy.expr;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.SourceCode;
import io.gitmodel.registry.StageName;
import java.util.ArrayList;
import java.util.List;

/**
 * A field an expression names: one of the {@link Attribute}s, with a key for metrics, params and
 * tags. {@link #value} reads it from a subject: {@code null} when the version has no such value,
 * a list for list fields (never null; its elements may be, for {@code lineage.datasets.digest}).
 */
record Field(Attribute attribute, String key) {
    /** What a field holds, which decides the operators and values it may be compared with. */
    enum Kind {
        /** A number (metrics, version, counts). */
        NUMBER("a number"),
        /** Text (tags, names); text that reads as a number compares with numbers. */
        TEXT("text"),
        /** Text, a number or true/false, as stored (params). */
        SCALAR("a value"),
        /** true or false. */
        BOOLEAN("true or false"),
        /** An instant (created). */
        INSTANT("an instant"),
        /** A list of text; the list itself is never null. */
        LIST("a list");

        final String described;

        Kind(String described) {
            this.described = described;
        }
    }

    /** Every field; the keyed ones (metrics, params, tags) take {@code .<key>}. */
    enum Attribute {
        METRICS("metrics", Kind.NUMBER, true),
        PARAMS("params", Kind.SCALAR, true),
        TAGS("tags", Kind.TEXT, true),
        NAME("name", Kind.TEXT, false),
        VERSION("version", Kind.NUMBER, false),
        CREATED("created", Kind.INSTANT, false),
        CREATED_BY("created_by", Kind.TEXT, false),
        DESCRIPTION("description", Kind.TEXT, true),
        STAGE("stage", Kind.LIST, false),
        DATASETS("lineage.datasets", Kind.LIST, false),
        /** One element per data set, null where it has no digest. */
        DATASET_DIGESTS("lineage.datasets.digest", Kind.LIST, true),
        PARENTS("lineage.parents", Kind.LIST, false),
        SOURCE_REPOSITORY("source.repository", Kind.TEXT, true),
        SOURCE_COMMIT("source.commit", Kind.TEXT, true),
        SOURCE_DIRTY("source.dirty", Kind.BOOLEAN, true),
        MODEL_CARD("model_card", Kind.BOOLEAN, false),
        ARTIFACTS("artifacts", Kind.LIST, false),
        ARTIFACT_COUNT("artifacts.count", Kind.NUMBER, false),
        ARTIFACT_SIZE("artifacts.size", Kind.NUMBER, false);

        final String word;
        final Kind kind;
        /** Whether a version may lack the value (for a list: whether its elements may be null). */
        final boolean nullable;

        Attribute(String word, Kind kind, boolean nullable) {
            this.word = word;
            this.kind = kind;
            this.nullable = nullable;
        }

        boolean keyed() {
            return this == METRICS || this == PARAMS || this == TAGS;
        }
    }

    /** The field as written in canonical form, e.g. {@code metrics.auc}, {@code stage}. */
    String name() {
        return key == null ? attribute.word : attribute.word + "." + key;
    }

    Kind kind() {
        return attribute.kind;
    }

    /** The version's value of this field; null if it has none. */
    Object value(Subject subject) {
        switch (attribute) {
            case METRICS:
                return subject.metrics().get(key);
            case PARAMS:
                return subject.params().get(key);
            case TAGS:
                return subject.tags().get(key);
            case NAME:
                return subject.name();
            case VERSION:
                return subject.number();
            case DESCRIPTION:
                return subject.description().isEmpty() ? null : subject.description();
            case STAGE:
                return subject.stages().stream().map(StageName::value).sorted().toList();
            case MODEL_CARD:
                return subject.modelCard();
            default:
                return recorded(subject.version());
        }
    }

    /** The value of a field that only the whole version answers. */
    private Object recorded(ModelVersion v) {
        SourceCode code = v.lineage().code();
        return switch (attribute) {
            case METRICS, PARAMS, TAGS, NAME, VERSION, DESCRIPTION, STAGE, MODEL_CARD ->
                    throw new IllegalStateException("answered by the subject: " + attribute);
            case CREATED -> v.created();
            case CREATED_BY -> v.createdBy().toString();
            case DATASETS -> v.lineage().datasets().stream().map(Dataset::uri).toList();
            case DATASET_DIGESTS -> {
                List<String> digests = new ArrayList<>(); // List.of and toList() refuse null elements
                v.lineage().datasets().forEach(d -> digests.add(d.digest()));
                yield digests;
            }
            case PARENTS -> v.lineage().parents().stream().map(Object::toString).toList();
            case SOURCE_REPOSITORY -> code == null ? null : code.repository();
            case SOURCE_COMMIT -> code == null ? null : code.commit();
            case SOURCE_DIRTY -> code == null ? null : code.dirty();
            case ARTIFACTS -> v.artifacts().stream().map(a -> a.path().toString()).toList();
            case ARTIFACT_COUNT -> v.artifacts().size();
            case ARTIFACT_SIZE -> v.artifacts().stream().mapToLong(Artifact::size).sum();
        };
    }
}
