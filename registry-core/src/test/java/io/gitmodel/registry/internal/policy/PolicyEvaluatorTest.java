package io.gitmodel.registry.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.StageRules;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.errors.StageNotFoundException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The policy evaluator alone: a policy built by hand, versions built by hand, stage state in a
 * map. No Git. Every violation is asserted whole (rule, detail, stage, model, version, message),
 * and a change that breaks several rules gets all of them, in the documented order.
 */
class PolicyEvaluatorTest {
    static final StageName STAGING = StageName.of("staging");
    static final StageName PRODUCTION = StageName.of("production");
    static final StageName ARCHIVED = StageName.ARCHIVED;
    /** Approvals: 2, so direct promotion is refused. */
    static final StageName REVIEWED = StageName.of("reviewed");
    /** Signed: true. */
    static final StageName SECURE = StageName.of("secure");
    /** Multi-valued like the archive, but entered by promote. */
    static final StageName SHADOW = StageName.of("shadow");
    /** String gates: tags.team == 'risk', params.optimizer != 'sgd'. */
    static final StageName QA = StageName.of("qa");
    /** Everything at once: requires staging, two gates, approvals 2, signed. */
    static final StageName VIP = StageName.of("vip");
    /** Multi-valued and signed. */
    static final StageName VAULT = StageName.of("vault");

    static final ModelName FRAUD = ModelName.of("fraud");
    static final ModelName RANKER = ModelName.of("ranker");

    static final String ALL_STAGES = "staging, production, archived, reviewed, secure, shadow, qa, vip, vault";

    static final RegistryPolicy POLICY = new RegistryPolicy(List.of(
            rules(STAGING, null, false, List.of(), 0, false),
            rules(PRODUCTION, STAGING, false, List.of("metrics.auc >= 0.9"), 0, false),
            rules(ARCHIVED, null, true, List.of(), 0, false),
            rules(REVIEWED, null, false, List.of(), 2, false),
            rules(SECURE, null, false, List.of(), 0, true),
            rules(SHADOW, null, true, List.of(), 0, false),
            rules(QA, null, false, List.of("tags.team == 'risk'", "params.optimizer != 'sgd'"), 0, false),
            rules(VIP, STAGING, false, List.of("metrics.auc >= 0.9", "  metrics.latency_ms < 50  "), 2, true),
            rules(VAULT, null, true, List.of(), 0, true)), List.of());

    final PolicyEvaluator evaluator = new PolicyEvaluator(POLICY);

    static StageRules rules(StageName name, StageName requires, boolean multiValued, List<String> gates, int approvals,
            boolean signed) {
        return new StageRules(name, "", requires, multiValued, gates, approvals, signed);
    }

    // ---------------------------------------------------------------- fixtures

    /** A version with the given metrics, params and tags. */
    static ModelVersion version(ModelName model, int number, Map<String, Double> metrics, Map<String, Object> params,
            Map<String, String> tags) {
        return new ModelVersion(model, number, "0".repeat(40), "", Instant.parse("2026-03-14T10:00:00Z"),
                new Person("Ada Tester", "ada@example.com"), metrics, params, tags, Lineage.empty(), List.of(), Map.of());
    }

    static ModelVersion withAuc(ModelName model, int number, double auc) {
        return version(model, number, Map.of("auc", auc), Map.of(), Map.of());
    }

    static ModelVersion bare(ModelName model, int number) {
        return version(model, number, Map.of(), Map.of(), Map.of());
    }

    /** Stage state in memory: what each stage holds of each model, and what it ever held. */
    static final class MapState implements StageState {
        private final Map<String, List<Integer>> held = new HashMap<>();
        private final Set<String> ever = new HashSet<>();

        /** The stage holds exactly these versions of the model now (and so has held them). */
        MapState holds(StageName stage, ModelName model, Integer... versions) {
            List<Integer> sorted = new ArrayList<>(new TreeSet<>(Arrays.asList(versions)));
            held.put(stage + "/" + model, List.copyOf(sorted));
            sorted.forEach(v -> ever.add(stage + "/" + model + "@v" + v));
            return this;
        }

        /** The stage held this version once, but no longer. */
        MapState held(StageName stage, ModelName model, int version) {
            ever.add(stage + "/" + model + "@v" + version);
            return this;
        }

        @Override
        public List<Integer> held(StageName stage, ModelName model) {
            return held.getOrDefault(stage + "/" + model, List.of());
        }

        @Override
        public boolean everHeld(StageName stage, ModelName model, int version) {
            return ever.contains(stage + "/" + model + "@v" + version);
        }
    }

    static StageChangeRequest entering(EventAction action, StageName stage, ModelVersion... versions) {
        return new StageChangeRequest(action, stage, Arrays.stream(versions).map(Subject::entering).toList(), true);
    }

    static StageChangeRequest unsigned(EventAction action, StageName stage, ModelVersion... versions) {
        return new StageChangeRequest(action, stage, Arrays.stream(versions).map(Subject::entering).toList(), false);
    }

    static StageChangeRequest leaving(EventAction action, StageName stage, ModelName model, int version) {
        return new StageChangeRequest(action, stage, List.of(new Subject(model, version, null)), true);
    }

    static Violation v(Rule rule, String detail, StageName stage, ModelName model, int version, String message) {
        return new Violation(rule, detail, stage, model, version, message);
    }

    List<Violation> check(StageChangeRequest change, StageState state) throws RegistryException {
        return evaluator.check(change, state);
    }

    // ---------------------------------------------------------------- the stage alone

    @Nested
    class CheckStage {
        @Test
        void anUndeclaredStageIsTheOnlyViolationAndNamesTheDeclaredStagesInOrder() {
            Violation expected = v(Rule.DECLARED, "declared", StageName.of("canary"), null, 0,
                    "stage 'canary' is not declared in registry.yaml; stages: " + ALL_STAGES);
            for (EventAction action : List.of(EventAction.PROMOTE, EventAction.ROLLBACK, EventAction.RELEASE,
                    EventAction.ARCHIVE, EventAction.DEMOTE, EventAction.RESTORE)) {
                // unsigned too: an undeclared stage has no rules to add, so DECLARED stands alone
                assertEquals(List.of(expected), evaluator.checkStage(action, StageName.of("canary"), false), action.word());
            }
        }

        @Test
        void aDeclaredStageThatTakesTheChangeHasNoViolation() {
            assertEquals(List.of(), evaluator.checkStage(EventAction.PROMOTE, STAGING, false));
            assertEquals(List.of(), evaluator.checkStage(EventAction.ROLLBACK, PRODUCTION, false));
            assertEquals(List.of(), evaluator.checkStage(EventAction.RELEASE, PRODUCTION, false));
            assertEquals(List.of(), evaluator.checkStage(EventAction.ARCHIVE, ARCHIVED, false));
            assertEquals(List.of(), evaluator.checkStage(EventAction.RESTORE, ARCHIVED, false));
            assertEquals(List.of(), evaluator.checkStage(EventAction.DEMOTE, SHADOW, false));
            assertEquals(List.of(), evaluator.checkStage(EventAction.PROMOTE, SECURE, true));
        }

        @Test
        void aSignedStageRefusesAnUnsignedCommitForEveryAction() {
            for (EventAction action : List.of(EventAction.PROMOTE, EventAction.DEMOTE, EventAction.ROLLBACK,
                    EventAction.RELEASE)) {
                assertEquals(List.of(v(Rule.SIGNED, "signed", SECURE, null, 0, "stage secure requires signed commits")),
                        evaluator.checkStage(action, SECURE, false), action.word());
            }
        }

        @Test
        void rollbackAndReleaseNeedASingleSlotStage() {
            assertEquals(List.of(v(Rule.SINGLE_SLOT, "single-slot", ARCHIVED, null, 0,
                    "archived holds a set of versions; rollback applies to single-slot stages such as production")),
                    evaluator.checkStage(EventAction.ROLLBACK, ARCHIVED, true));
            assertEquals(List.of(v(Rule.SINGLE_SLOT, "single-slot", SHADOW, null, 0,
                    "releases go to single-slot stages; shadow holds sets")),
                    evaluator.checkStage(EventAction.RELEASE, SHADOW, true));
        }

        @Test
        void archivingNeedsAMultiValuedStage() {
            assertEquals(List.of(v(Rule.MULTI_VALUED, "multi_valued", PRODUCTION, null, 0,
                    "stage production must be multi_valued in registry.yaml")),
                    evaluator.checkStage(EventAction.ARCHIVE, PRODUCTION, true));
        }

        @Test
        void aStageThatDoesNotTakeTheChangeAndWantsASignatureReportsBoth() {
            assertEquals(List.of(
                    v(Rule.SINGLE_SLOT, "single-slot", VAULT, null, 0,
                            "vault holds a set of versions; rollback applies to single-slot stages such as production"),
                    v(Rule.SIGNED, "signed", VAULT, null, 0, "stage vault requires signed commits")),
                    evaluator.checkStage(EventAction.ROLLBACK, VAULT, false));
        }
    }

    // ---------------------------------------------------------------- check: stage rules first

    @Test
    void checkStopsAfterAStageRuleOtherThanTheSignatureWithoutJudgingTheVersions() throws Exception {
        // the version would break NOT_ARCHIVED and REQUIRES, but a stage that takes no rollback cannot judge it
        MapState state = new MapState().holds(ARCHIVED, FRAUD, 1);
        assertEquals(evaluator.checkStage(EventAction.ROLLBACK, VAULT, false),
                check(unsigned(EventAction.ROLLBACK, VAULT, withAuc(FRAUD, 1, 0.1)), state));
        assertEquals(List.of(v(Rule.DECLARED, "declared", StageName.of("canary"), null, 0,
                "stage 'canary' is not declared in registry.yaml; stages: " + ALL_STAGES)),
                check(entering(EventAction.PROMOTE, StageName.of("canary"), withAuc(FRAUD, 1, 0.1)), state));
    }

    @Test
    void aMissingSignatureDoesNotHideTheOtherViolations() throws Exception {
        // everything at once, in the documented order: signature, then per version not archived,
        // approvals, the required stage, each gate in declaration order, and what the stage holds
        MapState state = new MapState().holds(ARCHIVED, FRAUD, 1).holds(VIP, FRAUD, 1);
        ModelVersion v1 = version(FRAUD, 1, Map.of("auc", 0.5, "latency_ms", 80.0), Map.of(), Map.of());
        assertEquals(List.of(
                v(Rule.SIGNED, "signed", VIP, null, 0, "stage vip requires signed commits"),
                v(Rule.NOT_ARCHIVED, "archived", VIP, FRAUD, 1,
                        "fraud@v1 is archived; restore it first with: git-model restore fraud@v1 -m <reason>"),
                v(Rule.APPROVALS, "approvals: 2", VIP, FRAUD, 1, "vip requires 2 approval(s) by allowed signers; direct"
                        + " promotion is refused. Promotion requests (git-model request/approve/merge) carry verifiable"
                        + " approvals; until then set approvals: 0 in registry.yaml"),
                v(Rule.REQUIRES, "requires: staging", VIP, FRAUD, 1, "fraud@v1 cannot enter vip: it must have been in"
                        + " staging first (git-model promote fraud@v1 staging -m <reason>)"),
                v(Rule.GATE, "metrics.auc >= 0.9", VIP, FRAUD, 1,
                        "fraud@v1 cannot enter vip: fraud@v1 has metrics.auc = 0.5, the gate needs metrics.auc >= 0.9"),
                v(Rule.GATE, "metrics.latency_ms < 50", VIP, FRAUD, 1, "fraud@v1 cannot enter vip: fraud@v1 has"
                        + " metrics.latency_ms = 80.0, the gate needs metrics.latency_ms < 50"),
                v(Rule.ALREADY_HELD, "already held", VIP, FRAUD, 1, "fraud@v1 is already in vip")),
                check(unsigned(EventAction.PROMOTE, VIP, v1), state));
    }

    @Test
    void anArchivedVersionThatFailsAGateAndWasNeverInStagingGetsAllThree() throws Exception {
        MapState state = new MapState().holds(ARCHIVED, FRAUD, 1);
        assertEquals(List.of(
                v(Rule.NOT_ARCHIVED, "archived", PRODUCTION, FRAUD, 1,
                        "fraud@v1 is archived; restore it first with: git-model restore fraud@v1 -m <reason>"),
                v(Rule.REQUIRES, "requires: staging", PRODUCTION, FRAUD, 1, "fraud@v1 cannot enter production: it must"
                        + " have been in staging first (git-model promote fraud@v1 staging -m <reason>)"),
                v(Rule.GATE, "metrics.auc >= 0.9", PRODUCTION, FRAUD, 1, "fraud@v1 cannot enter production: fraud@v1 has"
                        + " metrics.auc = 0.85, the gate needs metrics.auc >= 0.9")),
                check(entering(EventAction.PROMOTE, PRODUCTION, withAuc(FRAUD, 1, 0.85)), state));
    }

    // ---------------------------------------------------------------- promote: entry rules

    @Nested
    class Promote {
        @Test
        void aValidPromotionHasNoViolation() throws Exception {
            MapState state = new MapState().held(STAGING, FRAUD, 2).holds(PRODUCTION, FRAUD, 1);
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, PRODUCTION, withAuc(FRAUD, 2, 0.9)), state));
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, STAGING, bare(FRAUD, 3)), state));
        }

        @Test
        void requiresIsAboutEverHavingBeenInTheStageNotHoldingItNow() throws Exception {
            ModelVersion v2 = withAuc(FRAUD, 2, 0.95);
            Violation requires = v(Rule.REQUIRES, "requires: staging", PRODUCTION, FRAUD, 2, "fraud@v2 cannot enter"
                    + " production: it must have been in staging first (git-model promote fraud@v2 staging -m <reason>)");
            assertEquals(List.of(requires), check(entering(EventAction.PROMOTE, PRODUCTION, v2), new MapState()));
            // another version of the model in staging does not count
            assertEquals(List.of(requires), check(entering(EventAction.PROMOTE, PRODUCTION, v2),
                    new MapState().holds(STAGING, FRAUD, 1)));
            // the same version number of another model does not count
            assertEquals(List.of(requires), check(entering(EventAction.PROMOTE, PRODUCTION, v2),
                    new MapState().holds(STAGING, RANKER, 2)));
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, PRODUCTION, v2), new MapState().held(STAGING, FRAUD, 2)));
        }

        @Test
        void aNumericGateComparesAsNumbersAndPassesAtTheBoundary() throws Exception {
            MapState staged = new MapState().held(STAGING, FRAUD, 1);
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, PRODUCTION, withAuc(FRAUD, 1, 0.9)), staged));
            assertEquals(List.of(v(Rule.GATE, "metrics.auc >= 0.9", PRODUCTION, FRAUD, 1, "fraud@v1 cannot enter production:"
                    + " fraud@v1 has metrics.auc = 0.8999, the gate needs metrics.auc >= 0.9")),
                    check(entering(EventAction.PROMOTE, PRODUCTION, withAuc(FRAUD, 1, 0.8999)), staged));
        }

        @Test
        void aMissingKeyFailsTheGateAndSaysSo() throws Exception {
            assertEquals(List.of(v(Rule.GATE, "metrics.auc >= 0.9", PRODUCTION, FRAUD, 3,
                    "fraud@v3 cannot enter production: fraud@v3 has no metrics.auc")),
                    check(entering(EventAction.PROMOTE, PRODUCTION, bare(FRAUD, 3)), new MapState().held(STAGING, FRAUD, 3)));
            // a metric is not a tag: tags.team is looked up among the tags only
            ModelVersion metricNotTag = version(FRAUD, 1, Map.of("team", 1.0), Map.of("optimizer", "adam"), Map.of());
            assertEquals(List.of(v(Rule.GATE, "tags.team == 'risk'", QA, FRAUD, 1,
                    "fraud@v1 cannot enter qa: fraud@v1 has no tags.team")),
                    check(entering(EventAction.PROMOTE, QA, metricNotTag), new MapState()));
        }

        @Test
        void stringGatesWithEqualsAndNotEquals() throws Exception {
            ModelVersion ok = version(FRAUD, 1, Map.of(), Map.of("optimizer", "adam"), Map.of("team", "risk"));
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, QA, ok), new MapState()));

            ModelVersion otherTeam = version(FRAUD, 2, Map.of(), Map.of("optimizer", "adam"), Map.of("team", "ops"));
            assertEquals(List.of(v(Rule.GATE, "tags.team == 'risk'", QA, FRAUD, 2,
                    "fraud@v2 cannot enter qa: fraud@v2 has tags.team = ops, the gate needs tags.team == 'risk'")),
                    check(entering(EventAction.PROMOTE, QA, otherTeam), new MapState()));

            ModelVersion sgd = version(FRAUD, 3, Map.of(), Map.of("optimizer", "sgd"), Map.of("team", "risk"));
            assertEquals(List.of(v(Rule.GATE, "params.optimizer != 'sgd'", QA, FRAUD, 3,
                    "fraud@v3 cannot enter qa: fraud@v3 has params.optimizer = sgd, the gate needs params.optimizer != 'sgd'")),
                    check(entering(EventAction.PROMOTE, QA, sgd), new MapState()));

            // both gates fail: both reported, in the order registry.yaml lists them
            ModelVersion both = version(FRAUD, 4, Map.of(), Map.of("optimizer", "sgd"), Map.of("team", "ops"));
            assertEquals(List.of(Rule.GATE, Rule.GATE), check(entering(EventAction.PROMOTE, QA, both), new MapState())
                    .stream().map(Violation::rule).toList());
            assertEquals(List.of("tags.team == 'risk'", "params.optimizer != 'sgd'"),
                    check(entering(EventAction.PROMOTE, QA, both), new MapState()).stream().map(Violation::detail).toList());
        }

        @Test
        void gatesCompareNumbersAsNumbersEvenWhenTheyAreWrittenAsText() throws Exception {
            PolicyEvaluator typed = new PolicyEvaluator(new RegistryPolicy(List.of(rules(QA, null, false,
                    List.of("params.epochs == 20", "params.epochs >= 10.5", "params.early_stop == true", "tags.generation == 2",
                            "tags.generation >= 1.5"),
                    0, false)), List.of()));
            ModelVersion v = version(FRAUD, 1, Map.of(), Map.of("epochs", 20L, "early_stop", "true"), Map.of("generation", "2"));
            // an integer parameter meets a number; the string "true" meets true (compared as text); and the
            // tag "2" (tags are text) meets the number 2, for == as for >=
            assertEquals(List.of(), typed.check(entering(EventAction.PROMOTE, QA, v), new MapState()));
            ModelVersion three = version(FRAUD, 2, Map.of(), Map.of("epochs", 20L, "early_stop", "true"), Map.of("generation", "3"));
            assertEquals(List.of(v(Rule.GATE, "tags.generation == 2", QA, FRAUD, 2,
                    "fraud@v2 cannot enter qa: fraud@v2 has tags.generation = 3, the gate needs tags.generation == 2")),
                    typed.check(entering(EventAction.PROMOTE, QA, three), new MapState()));
            ModelVersion word = version(FRAUD, 3, Map.of(), Map.of("epochs", 20L, "early_stop", "true"), Map.of("generation", "two"));
            assertEquals(List.of("tags.generation == 2", "tags.generation >= 1.5"),
                    typed.check(entering(EventAction.PROMOTE, QA, word), new MapState()).stream().map(Violation::detail).toList(),
                    "text that is no number meets no number");
        }

        @Test
        void approvalsRefuseEveryDirectPromotion() throws Exception {
            assertEquals(List.of(v(Rule.APPROVALS, "approvals: 2", REVIEWED, FRAUD, 1, "reviewed requires 2 approval(s) by"
                    + " allowed signers; direct promotion is refused. Promotion requests (git-model request/approve/merge)"
                    + " carry verifiable approvals; until then set approvals: 0 in registry.yaml")),
                    check(entering(EventAction.PROMOTE, REVIEWED, withAuc(FRAUD, 1, 1.0)), new MapState()));
        }

        @Test
        void anArchivedVersionEntersNoStage() throws Exception {
            MapState state = new MapState().holds(ARCHIVED, FRAUD, 1, 2);
            assertEquals(List.of(v(Rule.NOT_ARCHIVED, "archived", STAGING, FRAUD, 2,
                    "fraud@v2 is archived; restore it first with: git-model restore fraud@v2 -m <reason>")),
                    check(entering(EventAction.PROMOTE, STAGING, bare(FRAUD, 2)), state));
            // other versions and other models are not affected
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, STAGING, bare(FRAUD, 3)), state));
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, STAGING, bare(RANKER, 2)), state));
        }

        @Test
        void withoutAnArchivedStageNothingCountsAsArchived() throws Exception {
            PolicyEvaluator noArchive = new PolicyEvaluator(new RegistryPolicy(
                    List.of(rules(STAGING, null, false, List.of(), 0, false)), List.of()));
            MapState state = new MapState().holds(ARCHIVED, FRAUD, 1);
            assertEquals(List.of(), noArchive.check(entering(EventAction.PROMOTE, STAGING, bare(FRAUD, 1)), state));
        }

        @Test
        void versionsEnterTheArchiveOnlyThroughArchive() throws Exception {
            // a rule of the stage, judged before any version is looked at (so it names no model)
            assertEquals(List.of(v(Rule.ARCHIVE_THROUGH_ARCHIVE, "use archive", ARCHIVED, null, 0, "versions enter the archive"
                    + " through git-model archive fraud@v1 -m <reason>, which checks that they left service first")),
                    // in production too: the shortcut would skip the IN_SERVICE check
                    check(entering(EventAction.PROMOTE, ARCHIVED, bare(FRAUD, 1)), new MapState().holds(PRODUCTION, FRAUD, 1)));
        }

        @Test
        void alreadyHeldBySingleSlotAndMultiValuedStages() throws Exception {
            MapState state = new MapState().holds(STAGING, FRAUD, 1).holds(SHADOW, FRAUD, 1, 2);
            assertEquals(List.of(v(Rule.ALREADY_HELD, "already held", STAGING, FRAUD, 1, "fraud@v1 is already in staging")),
                    check(entering(EventAction.PROMOTE, STAGING, bare(FRAUD, 1)), state));
            assertEquals(List.of(v(Rule.ALREADY_HELD, "already held", SHADOW, FRAUD, 2, "shadow already holds fraud@v2")),
                    check(entering(EventAction.PROMOTE, SHADOW, bare(FRAUD, 2)), state));
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, SHADOW, bare(FRAUD, 3)), state));
            assertEquals(List.of(), check(entering(EventAction.PROMOTE, STAGING, bare(FRAUD, 2)), state));
        }
    }

    // ---------------------------------------------------------------- rollback

    @Nested
    class ExpressionGates {
        final StageName canary = StageName.of("canary");
        final RegistryPolicy policy = new RegistryPolicy(List.of(
                rules(STAGING, null, false, List.of(), 0, false),
                rules(SHADOW, null, true, List.of(), 0, false),
                rules(canary, null, false, List.of("stage = 'staging' AND stage != 'shadow'", "model_card = true"), 0, false)),
                List.of());

        @Test
        void aGateOnStageSeesTheStagesThatHoldTheVersionNow() throws Exception {
            PolicyEvaluator rules = new PolicyEvaluator(policy, v -> true);
            ModelVersion v1 = bare(FRAUD, 1);
            assertEquals(List.of(), rules.check(entering(EventAction.PROMOTE, canary, v1), new MapState().holds(STAGING, FRAUD, 1)));
            // held once is not held now
            assertEquals(List.of(v(Rule.GATE, "stage = 'staging' AND stage != 'shadow'", canary, FRAUD, 1, "fraud@v1 cannot"
                    + " enter canary: fraud@v1 has stage = [], the gate needs stage = 'staging'")),
                    rules.check(entering(EventAction.PROMOTE, canary, v1), new MapState().held(STAGING, FRAUD, 1)));
            assertEquals(List.of(v(Rule.GATE, "stage = 'staging' AND stage != 'shadow'", canary, FRAUD, 1, "fraud@v1 cannot"
                    + " enter canary: fraud@v1 has stage = [shadow, staging], the gate needs stage != 'shadow'")),
                    rules.check(entering(EventAction.PROMOTE, canary, v1),
                            new MapState().holds(STAGING, FRAUD, 1).holds(SHADOW, FRAUD, 1, 2)));
            // another version of the model in staging is not this one
            assertEquals(List.of(Rule.GATE), rules.check(entering(EventAction.PROMOTE, canary, v1),
                    new MapState().holds(STAGING, FRAUD, 2)).stream().map(Violation::rule).toList());
        }

        @Test
        void aGateOnTheModelCardAsksTheCallerOrFailsSayingItCannotTell() throws Exception {
            MapState staged = new MapState().holds(STAGING, FRAUD, 1);
            List<ModelVersion> asked = new ArrayList<>();
            PolicyEvaluator without = new PolicyEvaluator(policy, v -> {
                asked.add(v);
                return false;
            });
            assertEquals(List.of(v(Rule.GATE, "model_card = true", canary, FRAUD, 1, "fraud@v1 cannot enter canary: fraud@v1"
                    + " has model_card = false, the gate needs model_card = true")),
                    without.check(entering(EventAction.PROMOTE, canary, bare(FRAUD, 1)), staged));
            assertEquals(List.of(bare(FRAUD, 1)), asked);
            assertEquals(List.of(v(Rule.GATE, "model_card = true", canary, FRAUD, 1, "fraud@v1 cannot enter canary: the gate"
                    + " names model_card, and whether fraud@v1 has a model card is not known here")),
                    new PolicyEvaluator(policy).check(entering(EventAction.PROMOTE, canary, bare(FRAUD, 1)), staged));
            // gates that do not name it never ask
            asked.clear();
            new PolicyEvaluator(POLICY, v -> {
                asked.add(v);
                return true;
            }).check(entering(EventAction.PROMOTE, PRODUCTION, withAuc(FRAUD, 1, 0.95)), new MapState().held(STAGING, FRAUD, 1));
            assertEquals(List.of(), asked);
        }
    }

    @Nested
    class Rollback {
        @Test
        void entryRulesAreNotCheckedAgain() throws Exception {
            // never in staging, below the gate, already held: a rollback is judged on "not archived" alone
            MapState state = new MapState().holds(PRODUCTION, FRAUD, 1);
            assertEquals(List.of(), check(entering(EventAction.ROLLBACK, PRODUCTION, withAuc(FRAUD, 1, 0.1)), state));
            assertEquals(List.of(), check(entering(EventAction.ROLLBACK, REVIEWED, withAuc(FRAUD, 1, 0.1)), state));
        }

        @Test
        void anArchivedVersionIsNotRolledBackTo() throws Exception {
            MapState state = new MapState().holds(PRODUCTION, FRAUD, 2).holds(ARCHIVED, FRAUD, 1);
            assertEquals(List.of(v(Rule.NOT_ARCHIVED, "archived", PRODUCTION, FRAUD, 1,
                    "fraud@v1 is archived; restore it first with: git-model restore fraud@v1 -m <reason>")),
                    check(entering(EventAction.ROLLBACK, PRODUCTION, withAuc(FRAUD, 1, 0.95)), state));
        }

        @Test
        void aMultiValuedStageTakesNoRollback() throws Exception {
            assertEquals(List.of(v(Rule.SINGLE_SLOT, "single-slot", SHADOW, null, 0,
                    "shadow holds a set of versions; rollback applies to single-slot stages such as production")),
                    check(entering(EventAction.ROLLBACK, SHADOW, bare(FRAUD, 1)), new MapState()));
        }
    }

    // ---------------------------------------------------------------- release

    @Nested
    class Release {
        @Test
        void everyVersionIsCheckedAndEveryViolationReturnedInTheOrderNamed() throws Exception {
            MapState state = new MapState().held(STAGING, RANKER, 4).holds(ARCHIVED, FRAUD, 2);
            ModelVersion fraud2 = withAuc(FRAUD, 2, 0.7);
            ModelVersion ranker4 = withAuc(RANKER, 4, 0.5);
            assertEquals(List.of(
                    v(Rule.NOT_ARCHIVED, "archived", PRODUCTION, FRAUD, 2,
                            "fraud@v2 is archived; restore it first with: git-model restore fraud@v2 -m <reason>"),
                    v(Rule.REQUIRES, "requires: staging", PRODUCTION, FRAUD, 2, "fraud@v2 cannot enter production: it must"
                            + " have been in staging first (git-model promote fraud@v2 staging -m <reason>)"),
                    v(Rule.GATE, "metrics.auc >= 0.9", PRODUCTION, FRAUD, 2, "fraud@v2 cannot enter production: fraud@v2 has"
                            + " metrics.auc = 0.7, the gate needs metrics.auc >= 0.9"),
                    v(Rule.GATE, "metrics.auc >= 0.9", PRODUCTION, RANKER, 4, "ranker@v4 cannot enter production: ranker@v4"
                            + " has metrics.auc = 0.5, the gate needs metrics.auc >= 0.9")),
                    check(entering(EventAction.RELEASE, PRODUCTION, fraud2, ranker4), state));
        }

        @Test
        void aReleaseOfWhatTheStageHoldsAlreadyIsRefusedOnlyWhenAllAreHeld() throws Exception {
            MapState all = new MapState().holds(STAGING, FRAUD, 1).holds(STAGING, RANKER, 7);
            assertEquals(List.of(v(Rule.ALREADY_HELD, "already held", STAGING, null, 0,
                    "staging already holds all of [fraud@v1, ranker@v7]")),
                    check(entering(EventAction.RELEASE, STAGING, bare(FRAUD, 1), bare(RANKER, 7)), all));

            // one of them moves: the release is a change, and allowed
            MapState some = new MapState().holds(STAGING, FRAUD, 1).holds(STAGING, RANKER, 6);
            assertEquals(List.of(), check(entering(EventAction.RELEASE, STAGING, bare(FRAUD, 1), bare(RANKER, 7)), some));
        }

        @Test
        void aMultiValuedStageTakesNoRelease() throws Exception {
            assertEquals(List.of(v(Rule.SINGLE_SLOT, "single-slot", ARCHIVED, null, 0,
                    "releases go to single-slot stages; archived holds sets")),
                    check(entering(EventAction.RELEASE, ARCHIVED, bare(FRAUD, 1)), new MapState()));
        }
    }

    // ---------------------------------------------------------------- archive

    @Nested
    class Archive {
        @Test
        void aVersionOutOfServiceIsArchived() throws Exception {
            MapState state = new MapState().holds(PRODUCTION, FRAUD, 2).holds(SHADOW, FRAUD, 1).held(STAGING, FRAUD, 1);
            assertEquals(List.of(), check(entering(EventAction.ARCHIVE, ARCHIVED, bare(FRAUD, 1)), state));
        }

        @Test
        void aVersionHeldBySingleSlotStagesIsInServiceThereOneViolationEach() throws Exception {
            MapState state = new MapState().holds(STAGING, FRAUD, 2).holds(PRODUCTION, FRAUD, 2).holds(SHADOW, FRAUD, 2);
            assertEquals(List.of(
                    v(Rule.IN_SERVICE, "in service", STAGING, FRAUD, 2, "fraud@v2 is in staging; promote another version"
                            + " there or demote it first (git-model demote fraud staging -m <reason>)"),
                    v(Rule.IN_SERVICE, "in service", PRODUCTION, FRAUD, 2, "fraud@v2 is in production; promote another"
                            + " version there or demote it first (git-model demote fraud production -m <reason>)")),
                    check(entering(EventAction.ARCHIVE, ARCHIVED, bare(FRAUD, 2)), state));
        }

        @Test
        void anArchivedVersionIsAlreadyHeld() throws Exception {
            MapState state = new MapState().holds(ARCHIVED, FRAUD, 1, 3).holds(PRODUCTION, FRAUD, 3);
            assertEquals(List.of(v(Rule.ALREADY_HELD, "already held", ARCHIVED, FRAUD, 1, "fraud@v1 is already archived")),
                    check(entering(EventAction.ARCHIVE, ARCHIVED, bare(FRAUD, 1)), state));
            // in service and archived (a state no command makes, but the rules say both)
            assertEquals(List.of(
                    v(Rule.IN_SERVICE, "in service", PRODUCTION, FRAUD, 3, "fraud@v3 is in production; promote another"
                            + " version there or demote it first (git-model demote fraud production -m <reason>)"),
                    v(Rule.ALREADY_HELD, "already held", ARCHIVED, FRAUD, 3, "fraud@v3 is already archived")),
                    check(entering(EventAction.ARCHIVE, ARCHIVED, bare(FRAUD, 3)), state));
        }

        @Test
        void aSingleSlotStageCannotBeTheArchive() throws Exception {
            assertEquals(List.of(v(Rule.MULTI_VALUED, "multi_valued", STAGING, null, 0,
                    "stage staging must be multi_valued in registry.yaml")),
                    check(entering(EventAction.ARCHIVE, STAGING, bare(FRAUD, 1)), new MapState()));
        }
    }

    // ---------------------------------------------------------------- demote and restore

    @Nested
    class DemoteAndRestore {
        @Test
        void removingWhatTheStageHoldsIsAllowed() throws Exception {
            MapState state = new MapState().holds(STAGING, FRAUD, 2).holds(ARCHIVED, FRAUD, 1, 2).holds(SHADOW, FRAUD, 5);
            assertEquals(List.of(), check(leaving(EventAction.DEMOTE, STAGING, FRAUD, 2), state));
            assertEquals(List.of(), check(leaving(EventAction.RESTORE, ARCHIVED, FRAUD, 1), state));
            assertEquals(List.of(), check(leaving(EventAction.DEMOTE, SHADOW, FRAUD, 5), state));
        }

        @Test
        void aSingleSlotStageHoldingAnotherVersionSaysWhichItHolds() throws Exception {
            assertEquals(List.of(v(Rule.NOT_HELD, "not held", STAGING, FRAUD, 1, "staging holds fraud@v2, not fraud@v1")),
                    check(leaving(EventAction.DEMOTE, STAGING, FRAUD, 1), new MapState().holds(STAGING, FRAUD, 2)));
        }

        @Test
        void aStageHoldingNothingOfTheModelSaysSo() throws Exception {
            assertEquals(List.of(v(Rule.NOT_HELD, "not held", STAGING, FRAUD, 1, "staging does not hold fraud@v1; it holds []")),
                    check(leaving(EventAction.DEMOTE, STAGING, FRAUD, 1), new MapState().holds(STAGING, RANKER, 1)));
        }

        @Test
        void aMultiValuedStageListsWhatItHolds() throws Exception {
            assertEquals(List.of(v(Rule.NOT_HELD, "not held", ARCHIVED, FRAUD, 3,
                    "archived does not hold fraud@v3; it holds [fraud@v1, fraud@v2]")),
                    check(leaving(EventAction.RESTORE, ARCHIVED, FRAUD, 3), new MapState().holds(ARCHIVED, FRAUD, 2, 1)));
            assertEquals(List.of(v(Rule.NOT_HELD, "not held", SHADOW, FRAUD, 3, "shadow does not hold fraud@v3; it holds [fraud@v5]")),
                    check(leaving(EventAction.DEMOTE, SHADOW, FRAUD, 3), new MapState().holds(SHADOW, FRAUD, 5)));
        }

        @Test
        void aDemoteFromASignedStageWithoutSignatureStillReportsWhatIsNotHeld() throws Exception {
            StageChangeRequest demote = new StageChangeRequest(EventAction.DEMOTE, SECURE, List.of(new Subject(FRAUD, 1, null)), false);
            assertEquals(List.of(
                    v(Rule.SIGNED, "signed", SECURE, null, 0, "stage secure requires signed commits"),
                    v(Rule.NOT_HELD, "not held", SECURE, FRAUD, 1, "secure does not hold fraud@v1; it holds []")),
                    check(demote, new MapState()));
        }
    }

    // ---------------------------------------------------------------- requests and exceptions

    @Test
    void aRequestNeedsTheMetadataOfVersionsThatEnterAndIsNotARegistration() {
        assertThrows(IllegalArgumentException.class, () -> new StageChangeRequest(EventAction.PROMOTE, STAGING,
                List.of(new Subject(FRAUD, 1, null)), true));
        assertThrows(IllegalArgumentException.class, () -> new StageChangeRequest(EventAction.REGISTER, STAGING,
                List.of(Subject.entering(bare(FRAUD, 1))), true));
        // versions that leave need no metadata
        new StageChangeRequest(EventAction.RESTORE, ARCHIVED, List.of(new Subject(FRAUD, 1, null)), true);
    }

    @Test
    void throwFirstTurnsTheFirstViolationIntoTheExceptionCallersSee() {
        StageNotFoundException notFound = assertThrows(StageNotFoundException.class, () -> Violations.throwFirst(
                evaluator.checkStage(EventAction.PROMOTE, StageName.of("canary"), true), "configure a key"));
        assertEquals("canary", notFound.stage());
        assertEquals("stage 'canary' is not declared in registry.yaml; stages: " + ALL_STAGES, notFound.getMessage());

        SigningException signing = assertThrows(SigningException.class, () -> Violations.throwFirst(
                evaluator.check(unsigned(EventAction.PROMOTE, VIP, withAuc(FRAUD, 1, 0.1)), new MapState()), "configure a key"));
        assertEquals("stage vip requires signed commits and no signing key is configured: configure a key", signing.getMessage());

        StageRuleViolationException rule = assertThrows(StageRuleViolationException.class, () -> Violations.throwFirst(
                evaluator.check(entering(EventAction.PROMOTE, PRODUCTION, withAuc(FRAUD, 1, 0.1)), new MapState()), "x"));
        assertEquals("production", rule.stage());
        assertEquals("requires: staging", rule.rule());
        assertEquals("fraud", rule.model());
        assertEquals(1, rule.version());
        assertTrue(rule.getMessage().startsWith("fraud@v1 cannot enter production"), rule.getMessage());

        StageRuleViolationException stageOnly = assertThrows(StageRuleViolationException.class, () -> Violations.throwFirst(
                evaluator.checkStage(EventAction.ROLLBACK, ARCHIVED, true), "x"));
        assertEquals(null, stageOnly.model());
        assertEquals(0, stageOnly.version());
        assertEquals("single-slot", stageOnly.rule());
    }

    @Test
    void aVersionThatWasEverStagedIsNeverDeleted() throws Exception {
        MapState state = new MapState().held(STAGING, FRAUD, 1).holds(ARCHIVED, FRAUD, 1);
        assertEquals(List.of(
                v(Rule.NEVER_DELETED, "never delete staged versions", STAGING, FRAUD, 1, "fraud@v1 was in staging; versions that"
                        + " were ever staged are kept: archive it instead (git-model archive fraud@v1 -m <reason>)"),
                v(Rule.NEVER_DELETED, "never delete staged versions", ARCHIVED, FRAUD, 1, "fraud@v1 was in archived; versions"
                        + " that were ever staged are kept: archive it instead (git-model archive fraud@v1 -m <reason>)")),
                evaluator.checkDelete(bare(FRAUD, 1), state));
        assertEquals(List.of(), evaluator.checkDelete(bare(FRAUD, 2), state), "never staged: may be deleted");
    }

    @Test
    void throwFirstDoesNothingForNoViolations() throws Exception {
        Violations.throwFirst(List.of(), "x");
    }

    // ---------------------------------------------------------------- recorded histories

    @Test
    void everyRuleKindIsKnownToThisTest() {
        // a tripwire: a new kind of rule needs tests here (NEVER_DELETED: checkDelete)
        assertEquals(List.of(Rule.DECLARED, Rule.SIGNED, Rule.REQUIRES, Rule.GATE, Rule.APPROVALS, Rule.NOT_ARCHIVED,
                Rule.ARCHIVE_THROUGH_ARCHIVE, Rule.IN_SERVICE, Rule.SINGLE_SLOT, Rule.MULTI_VALUED, Rule.ALREADY_HELD,
                Rule.NOT_HELD, Rule.NEVER_DELETED), List.of(Rule.values()));
    }
}
