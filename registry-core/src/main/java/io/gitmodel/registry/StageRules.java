package io.gitmodel.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of one stage, from registry.yaml.
 *
 * @param name the stage, e.g. {@code production}
 * @param description what the stage is for
 * @param requires the stage a version must have been in before it may enter this one, or null
 * @param multiValued whether the stage holds a set of versions per model ({@code archived}) rather than one
 * @param gates conditions on the version's metadata, e.g. {@code metrics.auc >= 0.90}; all must hold
 * @param approvals how many distinct allowed signers must approve a promotion request
 * @param signed whether stage commits must be signed
 */
public record StageRules(StageName name, String description, StageName requires, boolean multiValued, List<String> gates,
        int approvals, boolean signed) {
    public StageRules {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        gates = List.copyOf(gates);
        if (approvals < 0) {
            throw new IllegalArgumentException("approvals of stage " + name + " must be >= 0, got " + approvals);
        }
    }

    /** The stage a version must have been in first, if any. */
    public Optional<StageName> required() {
        return Optional.ofNullable(requires);
    }
}
