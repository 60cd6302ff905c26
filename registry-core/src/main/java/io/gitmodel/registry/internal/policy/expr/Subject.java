package io.gitmodel.registry.internal.policy.expr;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageName;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an expression is evaluated on: a model version, and what only its caller knows about it:
 * the stages it is in now ({@code stage}) and whether it has a model card ({@code model_card}).
 */
public interface Subject {
    /** The version's recorded metadata. */
    ModelVersion version();

    // The fields most filters name. A subject that holds the document unparsed (a search over the
    // registry index) answers these without building the whole ModelVersion, which checks every value.

    /** The version's metrics. */
    default Map<String, Double> metrics() {
        return version().metrics();
    }

    /** The version's parameters. */
    default Map<String, Object> params() {
        return version().params();
    }

    /** The version's tags. */
    default Map<String, String> tags() {
        return version().tags();
    }

    /** The model's name. */
    default String name() {
        return version().name().value();
    }

    /** The version number. */
    default int number() {
        return version().version();
    }

    /** The description; empty if none. */
    default String description() {
        return version().description();
    }

    /** The stages that hold the version now; empty if none. */
    Set<StageName> stages();

    /** Whether the version has a model card ({@code models/<name>/README.md}). */
    boolean modelCard();

    /** A subject whose caller knows all three. */
    static Subject of(ModelVersion version, Set<StageName> stages, boolean modelCard) {
        return new Known(version, Set.copyOf(stages), modelCard);
    }

    /** The plain implementation of {@link #of}. */
    record Known(ModelVersion version, Set<StageName> stages, boolean modelCard) implements Subject {
        public Known {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(stages, "stages");
        }
    }
}
