package io.gitmodel.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event in a model's life: its registration, or a stage change (promote, demote, rollback,
 * release, archive, restore), as recorded in Git.
 *
 * @param action what happened
 * @param model the model
 * @param version the version the event concerns (for demote and restore: the version removed)
 * @param stage the stage changed, or null for a registration
 * @param previousVersion the version the stage held before, 0 for none
 * @param reason why, as given by the person who did it
 * @param approvedBy approvals recorded with the change
 * @param by who made the commit (its committer)
 * @param at when, as recorded by the committer's clock
 * @param commit the commit id
 * @param signature the commit's signature, verified
 * @param warnings things to know about the event that do not make it invalid, e.g. a commit dated before its parent
 * @param problems the rules of registry.yaml the commit breaks (unsigned, unknown signer, not a git-model change,
 *     a rule the change broke); empty for a valid event
 */
public record ModelEvent(EventAction action, ModelName model, int version, StageName stage, int previousVersion, String reason,
        List<String> approvedBy, Person by, Instant at, String commit, SignatureCheck signature, List<String> warnings,
        List<String> problems) {
    public ModelEvent {
        Objects.requireNonNull(action, "action");
        if (model == null && action != EventAction.UNKNOWN && action != EventAction.APPROVE) {
            throw new IllegalArgumentException("a " + action + " event needs a model");
        }
        if ((stage == null) != (action == EventAction.REGISTER)) {
            throw new IllegalArgumentException("a " + action + " event " + (stage == null ? "needs" : "has no") + " stage");
        }
        reason = reason == null ? "" : reason;
        approvedBy = List.copyOf(approvedBy);
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
    }

    /** An event with no problems. */
    public ModelEvent(EventAction action, ModelName model, int version, StageName stage, int previousVersion, String reason,
            List<String> approvedBy, Person by, Instant at, String commit, SignatureCheck signature, List<String> warnings) {
        this(action, model, version, stage, previousVersion, reason, approvedBy, by, at, commit, signature, warnings, List.of());
    }

    /** Whether the event is a valid change under the policy (no problems). */
    public boolean valid() {
        return problems.isEmpty();
    }

    /** The version as a reference, e.g. {@code fraud@v3}; null when the event names no model or version. */
    public ModelRef ref() {
        return model == null || version < 1 ? null : ModelRef.of(model, version);
    }

    /** The stage changed; empty for a registration. */
    public Optional<StageName> stageName() {
        return Optional.ofNullable(stage);
    }
}
