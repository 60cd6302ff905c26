package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageName;
import java.util.List;
import java.util.Objects;

/**
 * A stage change as the rules see it: the action, the stage, and the versions it is about, in
 * order. For promote, release, archive and rollback these are the versions that enter the stage;
 * for demote and restore, the versions that leave it.
 *
 * @param signed whether the commit that makes the change is (or will be) signed
 */
public record StageChangeRequest(EventAction action, StageName stage, List<Subject> subjects, boolean signed) {
    /**
     * One version the change is about.
     *
     * @param metadata the version's metadata; required for versions that enter the stage (gates read it),
     *     may be null for versions that leave it
     */
    public record Subject(ModelName model, int version, ModelVersion metadata) {
        public Subject {
            Objects.requireNonNull(model, "model");
        }

        /** A version entering the stage. */
        public static Subject entering(ModelVersion v) {
            return new Subject(v.name(), v.version(), v);
        }

        public ModelRef ref() {
            return ModelRef.of(model, version);
        }
    }

    public StageChangeRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(stage, "stage");
        subjects = List.copyOf(subjects);
        if (action == EventAction.REGISTER) {
            throw new IllegalArgumentException("a registration is not a stage change");
        }
        if (!action.removes() && subjects.stream().anyMatch(s -> s.metadata() == null)) {
            throw new IllegalArgumentException("versions entering a stage need their metadata");
        }
    }
}
