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
 * @param approvals how many distinct allowed approvers must approve a promotion request
 * @param signed whether stage commits must be signed
 * @param signers roles or principals who may sign changes of this stage; empty: every principal
 * @param approvers roles or principals who may approve requests into this stage; empty: every principal
 * @param forgeMerges whether the merge commit of an approved request may be unsigned (a forge's merge button)
 */
public record StageRules(StageName name, String description, StageName requires, boolean multiValued, List<String> gates,
        int approvals, boolean signed, List<String> signers, List<String> approvers, boolean forgeMerges) {
    public StageRules {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        gates = List.copyOf(gates);
        signers = List.copyOf(signers);
        approvers = List.copyOf(approvers);
        if (approvals < 0) {
            throw new IllegalArgumentException("approvals of stage " + name + " must be >= 0, got " + approvals);
        }
    }

    /** Rules with no restriction on who signs or approves, and no forge merges. */
    public StageRules(StageName name, String description, StageName requires, boolean multiValued, List<String> gates,
            int approvals, boolean signed) {
        this(name, description, requires, multiValued, gates, approvals, signed, List.of(), List.of(), false);
    }

    /** The stage a version must have been in first, if any. */
    public Optional<StageName> required() {
        return Optional.ofNullable(requires);
    }
}
