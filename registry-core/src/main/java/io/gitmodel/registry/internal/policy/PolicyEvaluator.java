package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.StageRules;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates stage changes against a registry's policy. Stateless apart from the policy; the
 * state of the stages comes in through {@link StageState}. Every rule of registry.yaml that
 * governs a stage change is here, in the order people expect to hear about them: the stage
 * exists and takes this kind of change, the commit is signed, then for each version the entry
 * rules (not archived, approvals, the required stage, the gates) and what the stage holds.
 */
public final class PolicyEvaluator {
    private final RegistryPolicy policy;
    private final ModelCards modelCards;

    /** An evaluator that is not told about model cards: a gate that names {@code model_card} fails, saying so. */
    public PolicyEvaluator(RegistryPolicy policy) {
        this(policy, null);
    }

    /** An evaluator that asks {@code modelCards} for the gates that name {@code model_card}. */
    public PolicyEvaluator(RegistryPolicy policy, ModelCards modelCards) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.modelCards = modelCards;
    }

    public RegistryPolicy policy() {
        return policy;
    }

    /**
     * The rules about the stage alone, which need no state: it is declared, it takes this kind of
     * change (rollbacks and releases go to single-slot stages, archiving to a multi-valued one,
     * versions enter the archive only by archiving), and the commit is signed where the stage
     * requires it.
     */
    public List<Violation> checkStage(EventAction action, StageName stage, boolean signed) {
        return checkStage(action, stage, signed, "<ref>");
    }

    /** As {@link #checkStage(EventAction, StageName, boolean)}, naming {@code ref} where a message shows what to run. */
    public List<Violation> checkStage(EventAction action, StageName stage, boolean signed, String ref) {
        List<Violation> out = new ArrayList<>();
        Optional<StageRules> declared = policy.stage(stage);
        if (declared.isEmpty()) {
            out.add(new Violation(Rule.DECLARED, "declared", stage, null, 0, "stage '" + stage
                    + "' is not declared in registry.yaml; stages: " + String.join(", ",
                            policy.stageNames().stream().map(StageName::value).toList())));
            return out;
        }
        StageRules rules = declared.get();
        if (action == EventAction.PROMOTE && stage.isArchived()) {
            out.add(new Violation(Rule.ARCHIVE_THROUGH_ARCHIVE, "use archive", stage, null, 0, "versions enter the archive"
                    + " through git-model archive " + ref + " -m <reason>, which checks that they left service first"));
        }
        if (action == EventAction.ROLLBACK && rules.multiValued()) {
            out.add(new Violation(Rule.SINGLE_SLOT, "single-slot", stage, null, 0, stage + " holds a set of versions;"
                    + " rollback applies to single-slot stages such as production"));
        }
        if (action == EventAction.RELEASE && rules.multiValued()) {
            out.add(new Violation(Rule.SINGLE_SLOT, "single-slot", stage, null, 0, "releases go to single-slot stages; "
                    + stage + " holds sets"));
        }
        if (action == EventAction.ARCHIVE && !rules.multiValued()) {
            out.add(new Violation(Rule.MULTI_VALUED, "multi_valued", stage, null, 0, "stage " + stage
                    + " must be multi_valued in registry.yaml"));
        }
        if (rules.signed() && !signed) {
            out.add(new Violation(Rule.SIGNED, "signed", stage, null, 0, "stage " + stage + " requires signed commits"));
        }
        return out;
    }

    /** Every rule the change breaks, given the stages' state before it; empty if it may be made. */
    public List<Violation> check(StageChangeRequest change, StageState state) throws RegistryException {
        List<Violation> out = checkStage(change.action(), change.stage(), change.signed(),
                change.subjects().isEmpty() ? "<ref>" : change.subjects().get(0).ref().toString());
        if (out.stream().anyMatch(v -> v.rule() != Rule.SIGNED)) {
            return out; // the versions cannot be judged against a stage that does not take this change
        }
        StageRules rules = policy.stage(change.stage()).orElseThrow();
        switch (change.action()) {
            case PROMOTE -> {
                for (Subject s : change.subjects()) {
                    entryRules(rules, s.metadata(), state, out);
                    if (state.held(rules.name(), s.model()).contains(s.version())) {
                        out.add(violation(Rule.ALREADY_HELD, "already held", rules.name(), s, rules.multiValued()
                                ? rules.name() + " already holds " + s.ref() : s.ref() + " is already in " + rules.name()));
                    }
                }
            }
            case RELEASE -> release(change, rules, state, out);
            case ROLLBACK -> {
                // entry rules are not checked again: the version was in the stage before, and a rollback must be quick
                for (Subject s : change.subjects()) {
                    notArchived(rules, s, state, out);
                }
            }
            case ARCHIVE -> archive(change, rules, state, out);
            case DEMOTE, RESTORE -> remove(change, rules, state, out);
            default -> throw new IllegalArgumentException("not a stage action: " + change.action());
        }
        return out;
    }

    private void release(StageChangeRequest change, StageRules rules, StageState state, List<Violation> out)
            throws RegistryException {
        boolean allHeld = true;
        for (Subject s : change.subjects()) {
            entryRules(rules, s.metadata(), state, out);
            allHeld &= state.held(rules.name(), s.model()).contains(s.version());
        }
        if (allHeld) {
            out.add(new Violation(Rule.ALREADY_HELD, "already held", rules.name(), null, 0, rules.name() + " already holds all of "
                    + change.subjects().stream().map(Subject::ref).toList()));
        }
    }

    private void archive(StageChangeRequest change, StageRules rules, StageState state, List<Violation> out)
            throws RegistryException {
        for (Subject s : change.subjects()) {
            for (StageRules other : policy.stages()) {
                if (!other.multiValued() && state.held(other.name(), s.model()).contains(s.version())) {
                    out.add(violation(Rule.IN_SERVICE, "in service", other.name(), s, s.ref() + " is in " + other.name()
                            + "; promote another version there or demote it first (git-model demote " + s.model() + " "
                            + other.name() + " -m <reason>)"));
                }
            }
            if (state.held(rules.name(), s.model()).contains(s.version())) {
                out.add(violation(Rule.ALREADY_HELD, "already held", rules.name(), s, s.ref() + " is already archived"));
            }
        }
    }

    private void remove(StageChangeRequest change, StageRules rules, StageState state, List<Violation> out)
            throws RegistryException {
        for (Subject s : change.subjects()) {
            List<Integer> held = state.held(rules.name(), s.model());
            if (held.contains(s.version())) {
                continue;
            }
            String message = rules.multiValued() || held.isEmpty()
                    ? rules.name() + " does not hold " + s.ref() + "; it holds "
                            + held.stream().map(n -> ModelRef.of(s.model(), n)).toList()
                    : rules.name() + " holds " + ModelRef.of(s.model(), held.get(0)) + ", not " + s.ref();
            out.add(violation(Rule.NOT_HELD, "not held", rules.name(), s, message));
        }
    }

    /** The rules for entering a stage: not archived, approvals, the required stage, the gates. */
    private void entryRules(StageRules rules, ModelVersion v, StageState state, List<Violation> out) throws RegistryException {
        Subject s = Subject.entering(v);
        notArchived(rules, s, state, out);
        if (rules.approvals() > 0) {
            // approvals must be verifiable signatures of reviewers (promotion requests), not names typed
            // by the promoter, so a stage that needs them cannot be entered by a direct change
            out.add(violation(Rule.APPROVALS, "approvals: " + rules.approvals(), rules.name(), s, rules.name() + " requires "
                    + rules.approvals() + " approval(s) by allowed signers; direct promotion is refused. Promotion requests"
                    + " (git-model request/approve/merge) carry verifiable approvals; until then set approvals: 0 in registry.yaml"));
        }
        Optional<StageName> required = rules.required();
        if (required.isPresent() && !state.everHeld(required.get(), v.name(), v.version())) {
            out.add(violation(Rule.REQUIRES, "requires: " + required.get(), rules.name(), s, v.ref() + " cannot enter "
                    + rules.name() + ": it must have been in " + required.get() + " first (git-model promote " + v.ref() + " "
                    + required.get() + " -m <reason>)"));
        }
        for (String source : rules.gates()) {
            Gate gate = Gate.parse(source);
            Optional<String> failed;
            if (gate.needsModelCard() && modelCards == null) {
                failed = Optional.of("the gate names model_card, and whether " + v.ref() + " has a model card is not known here");
            } else {
                failed = gate.check(v, gate.needsStages() ? stagesHolding(v, state) : Set.of(),
                        gate.needsModelCard() && modelCards.present(v));
            }
            failed.ifPresent(why -> out.add(violation(Rule.GATE, gate.source(), rules.name(), s, v.ref() + " cannot enter "
                    + rules.name() + ": " + why)));
        }
    }

    /** The declared stages that hold the version now (a gate may name {@code stage}). */
    private Set<StageName> stagesHolding(ModelVersion v, StageState state) throws RegistryException {
        Set<StageName> stages = new TreeSet<>();
        for (StageName stage : policy.stageNames()) {
            if (state.held(stage, v.name()).contains(v.version())) {
                stages.add(stage);
            }
        }
        return stages;
    }

    private void notArchived(StageRules rules, Subject s, StageState state, List<Violation> out) throws RegistryException {
        if (rules.name().isArchived() || policy.stage(StageName.ARCHIVED).isEmpty()) {
            return;
        }
        if (state.held(StageName.ARCHIVED, s.model()).contains(s.version())) {
            out.add(violation(Rule.NOT_ARCHIVED, "archived", rules.name(), s, s.ref() + " is archived; restore it first with:"
                    + " git-model restore " + s.ref() + " -m <reason>"));
        }
    }

    private static Violation violation(Rule rule, String detail, StageName stage, Subject s, String message) {
        return new Violation(rule, detail, stage, s.model(), s.version(), message);
    }

    /**
     * Whether a version may be deleted: only if no declared stage ever held it (a version that was
     * ever staged is archived, never deleted). Whether it was published is the store's to say.
     */
    public List<Violation> checkDelete(ModelVersion v, StageState state) throws RegistryException {
        List<Violation> out = new ArrayList<>();
        for (StageName stage : policy.stageNames()) {
            if (state.everHeld(stage, v.name(), v.version())) {
                out.add(new Violation(Rule.NEVER_DELETED, "never delete staged versions", stage, v.name(), v.version(), v.ref()
                        + " was in " + stage + "; versions that were ever staged are kept: archive it instead (git-model archive "
                        + v.ref() + " -m <reason>)"));
            }
        }
        return out;
    }
}
