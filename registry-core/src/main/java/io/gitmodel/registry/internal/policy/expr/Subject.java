package io.gitmodel.registry.internal.policy.expr;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageName;
import java.util.Objects;
import java.util.Set;

/**
 * What an expression is evaluated on: a model version, and what only its caller knows about it:
 * the stages it is in now ({@code stage}) and whether it has a model card ({@code model_card}).
 */
public interface Subject {
    /** The version's recorded metadata. */
    ModelVersion version();

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
