package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.InvalidNameException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.StageNotFoundException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GitPlumbing;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The stage rules of registry.yaml and the preconditions of each stage change: every refusal is a
 * specific exception with its fields set and a message naming the thing, and changes nothing in
 * the repository (refs, Git objects, LFS objects).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@IsolatedGit
class LifecycleRulesTest {
    TestEnv env;
    Path dir;
    Registry r;

    @BeforeAll
    static void requireGit() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        dir = env.dir().resolve("registry.git");
        r = Registry.init(dir).bare(true).signed(false).config(env.config()).call();
        r.register("fraud").metric("auc", 0.85).call();
        r.register("fraud").metric("auc", 0.93).call();
        r.register("fraud").call();
        r.register("ranker").metric("auc", 0.99).call();
    }

    @AfterEach
    void tearDown() {
        r.close();
    }

    /** Runs {@code call}, expecting {@code type}, and asserts that the repository did not change at all. */
    private <T extends Throwable> T refused(Class<T> type, Executable call) {
        RepoState before = RepoState.capture(dir);
        T e = assertThrows(type, call);
        RepoState.assertUnchanged(before, dir);
        return e;
    }

    private void setProductionGates(String... gates) throws Exception {
        new GitPlumbing(env.env(), dir).commitRegistryYaml("main", GitPlumbing.registryYaml(false, List.of(), List.of(gates)));
        assertEquals(List.of(gates), r.policy().stage("production").orElseThrow().gates());
    }

    @Test
    void productionRequiresStagingFirst() throws Exception {
        StageRuleViolationException e = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v1", "production").reason("skip the queue").call());
        assertEquals("production", e.stage());
        assertTrue(e.rule().contains("staging"), e.rule());
        assertTrue(e.getMessage().contains("fraud@v1") && e.getMessage().contains("staging"), e.getMessage());
        assertEquals(List.of(), r.status(null));

        // having been in staging once is enough, even after it left
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.demote("fraud", "staging").reason("slot needed").call();
        r.promote("fraud@v1", "production").reason("go live").call();
        assertEquals("fraud@v1", r.resolve("fraud@production").ref().toString());
        // a release is held to the same rule
        StageRuleViolationException viaRelease = refused(StageRuleViolationException.class,
                () -> r.release("production", List.of("fraud@v2")).reason("r").call());
        assertEquals("production", viaRelease.stage());
        assertTrue(viaRelease.getMessage().contains("fraud@v2"), viaRelease.getMessage());
    }

    @Test
    void anUndeclaredStageIsNotFound() throws Exception {
        StageNotFoundException e = refused(StageNotFoundException.class, () -> r.promote("fraud@v1", "qa").reason("x").call());
        assertEquals("qa", e.stage());
        assertTrue(e.getMessage().contains("'qa'") && e.getMessage().contains("staging, production, archived"), e.getMessage());
        assertEquals("qa", refused(StageNotFoundException.class, () -> r.demote("fraud", "qa").reason("x").call()).stage());
        assertEquals("qa", refused(StageNotFoundException.class, () -> r.rollback("fraud", "qa").reason("x").call()).stage());
        assertEquals("qa", refused(StageNotFoundException.class,
                () -> r.release("qa", List.of("fraud@v1")).reason("x").call()).stage());
        assertEquals("qa", assertThrows(StageNotFoundException.class, () -> r.log("qa")).stage());
        assertEquals("qa", assertThrows(StageNotFoundException.class, () -> r.resolve("fraud@qa")).stage());
        // a name that cannot be a stage at all is a name error, before anything is read
        InvalidNameException bad = assertThrows(InvalidNameException.class, () -> r.promote("fraud@v1", "Prod!"));
        assertTrue(bad.getMessage().contains("Prod!"), bad.getMessage());
    }

    @Test
    void aMetricGateRefusesAVersionBelowItAndNamesGateAndValue() throws Exception {
        setProductionGates("metrics.auc >= 0.9");
        r.promote("fraud@v1", "staging").reason("eval").call();
        StageRuleViolationException e = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v1", "production").reason("go live").call());
        assertEquals("production", e.stage());
        assertEquals("metrics.auc >= 0.9", e.rule());
        assertTrue(e.getMessage().contains("fraud@v1"), e.getMessage());
        assertTrue(e.getMessage().contains("0.85"), "the message names the actual value: " + e.getMessage());
        assertTrue(e.getMessage().contains("metrics.auc >= 0.9"), e.getMessage());

        // a version without the metric fails the gate too, saying so
        r.promote("fraud@v3", "staging").reason("eval").call();
        StageRuleViolationException missing = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v3", "production").reason("go live").call());
        assertTrue(missing.getMessage().contains("has no metrics.auc"), missing.getMessage());

        // high enough passes
        r.promote("fraud@v2", "staging").reason("eval").call();
        StageChange ok = r.promote("fraud@v2", "production").reason("go live").call();
        assertEquals(2, ok.event().version());
        assertEquals("fraud@v2", r.resolve("fraud@production").ref().toString());
    }

    @Test
    void expressionGatesSeeLineageTheStagesAVersionIsInAndItsModelCard() throws Exception {
        setProductionGates("metrics.auc >= 0.9 AND lineage.datasets != [] AND lineage.datasets.digest IS NOT NULL",
                "stage = 'staging' AND model_card = true");
        String digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        r.register("fraud").metric("auc", 0.95).dataset("s3://data/train", null).call(); // v4: no digest, no card
        r.promote("fraud@v4", "staging").reason("eval").call();
        StageRuleViolationException noDigest = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v4", "production").reason("go live").call());
        assertEquals("metrics.auc >= 0.9 AND lineage.datasets != [] AND lineage.datasets.digest IS NOT NULL", noDigest.rule());
        assertTrue(noDigest.getMessage().contains("fraud@v4 cannot enter production: fraud@v4 has lineage.datasets.digest = [null],"
                + " the gate needs lineage.datasets.digest IS NOT NULL"), noDigest.getMessage());

        r.register("fraud").metric("auc", 0.95).dataset("s3://data/train", digest).call(); // v5: no card yet
        r.promote("fraud@v5", "staging").reason("eval").call();
        StageRuleViolationException noCard = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v5", "production").reason("go live").call());
        assertEquals("stage = 'staging' AND model_card = true", noCard.rule());
        assertTrue(noCard.getMessage().contains("fraud@v5 has model_card = false, the gate needs model_card = true"),
                noCard.getMessage());

        r.register("fraud").metric("auc", 0.95).dataset("s3://data/train", digest).modelCard("# Fraud\n").call(); // v6
        r.promote("fraud@v6", "staging").reason("eval").call();
        r.demote("fraud", "staging").reason("make room").call();
        StageRuleViolationException left = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v6", "production").reason("go live").call());
        assertTrue(left.getMessage().contains("fraud@v6 has stage = [], the gate needs stage = 'staging'"), left.getMessage());

        r.promote("fraud@v6", "staging").reason("again").call();
        assertEquals(6, r.promote("fraud@v6", "production").reason("go live").call().event().version());
        // v7 has no card of its own: v6's is carried forward, and counts
        r.register("fraud").metric("auc", 0.96).dataset("s3://data/train", digest).call();
        r.promote("fraud@v7", "staging").reason("eval").call();
        assertEquals(7, r.promote("fraud@v7", "production").reason("go live").call().event().version());
    }

    @Test
    void aMalformedGateMakesRegistryYamlCorruptNamingStageAndColumn() throws Exception {
        new GitPlumbing(env.env(), dir).commitRegistryYaml("main", GitPlumbing.registryYaml(false, List.of(),
                List.of("metrics.auc >== 0.9")));
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> r.policy());
        assertTrue(e.getMessage().contains("(stage production): gate \"metrics.auc >== 0.9\" is invalid at column 15: expected"
                + " a value"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void anArchivedVersionMustBeRestoredBeforePromotion() throws Exception {
        r.archive("fraud@v1").reason("superseded").call();
        StageRuleViolationException e = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v1", "staging").reason("again").call());
        assertEquals("staging", e.stage());
        assertEquals("archived", e.rule());
        assertTrue(e.getMessage().contains("fraud@v1") && e.getMessage().contains("restore"), e.getMessage());
        StageRuleViolationException twice = refused(StageRuleViolationException.class,
                () -> r.archive("fraud@v1").reason("again").call());
        assertTrue(twice.getMessage().contains("already archived"), twice.getMessage());

        r.restore("fraud@v1").reason("needed").call();
        r.promote("fraud@v1", "staging").reason("again").call();
        assertEquals("fraud@v1", r.resolve("fraud@staging").ref().toString());
        // restoring what is not archived is refused
        VersionNotFoundException none = refused(VersionNotFoundException.class, () -> r.restore("ranker@v1").reason("x").call());
        assertTrue(none.getMessage().contains("ranker"), none.getMessage());
        r.archive("fraud@v3").reason("old").call();
        StageRuleViolationException notHeld = refused(StageRuleViolationException.class,
                () -> r.restore("fraud@v2").reason("x").call());
        assertEquals("archived", notHeld.stage());
        assertTrue(notHeld.getMessage().contains("fraud@v2"), notHeld.getMessage());
    }

    @Test
    void aVersionInServiceCannotBeArchived() throws Exception {
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.promote("fraud@v1", "production").reason("go live").call();
        StageRuleViolationException e = refused(StageRuleViolationException.class,
                () -> r.archive("fraud@v1").reason("retire").call());
        assertTrue(e.stage().equals("production") || e.stage().equals("staging"), e.stage());
        assertTrue(e.getMessage().contains("fraud@v1") && e.getMessage().contains(e.stage()), e.getMessage());
        assertTrue(e.getMessage().contains("demote"), e.getMessage());

        r.demote("fraud", "staging").reason("done").call();
        StageRuleViolationException prod = refused(StageRuleViolationException.class,
                () -> r.archive("fraud@v1").reason("retire").call());
        assertEquals("production", prod.stage());
        assertEquals("in service", prod.rule());
        r.demote("fraud", "production").reason("off").call();
        r.archive("fraud@v1").reason("retire").call();
        assertEquals(List.of(new StageAssignment(ModelName.of("fraud"), StageName.of("archived"), List.of(1))), r.status(null));
    }

    @Test
    void promotingIntoTheArchiveIsHeldToTheArchiveRules() throws Exception {
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.promote("fraud@v1", "production").reason("go live").call();
        // "archived" is a stage like any other for promote: it must not become a way around archive's check
        StageRuleViolationException e = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v1", "archived").reason("retire").call());
        assertTrue(e.getMessage().contains("fraud@v1"), e.getMessage());
        assertEquals("fraud@v1", r.resolve("fraud@production").ref().toString());
    }

    @Test
    void promotingAVersionAlreadyThereIsRefused() throws Exception {
        r.promote("fraud@v1", "staging").reason("eval").call();
        StageRuleViolationException e = refused(StageRuleViolationException.class,
                () -> r.promote("fraud@v1", "staging").reason("again").call());
        assertEquals("staging", e.stage());
        assertEquals("already held", e.rule());
        assertTrue(e.getMessage().contains("fraud@v1") && e.getMessage().contains("staging"), e.getMessage());
        refused(StageRuleViolationException.class, () -> r.release("staging", List.of("fraud@v1")).reason("again").call());
    }

    @Test
    void aReasonIsRequired() throws Exception {
        InvalidValueException missing = refused(InvalidValueException.class, () -> r.promote("fraud@v1", "staging").call());
        assertTrue(missing.getMessage().contains("reason"), missing.getMessage());
        InvalidValueException blank = refused(InvalidValueException.class,
                () -> r.promote("fraud@v1", "staging").reason("  \n\t ").call());
        assertTrue(blank.getMessage().contains("reason"), blank.getMessage());
        refused(InvalidValueException.class, () -> r.promote("fraud@v1", "staging").reason("").call());
        refused(InvalidValueException.class, () -> r.archive("fraud@v1").call());
        refused(InvalidValueException.class, () -> r.release("staging", List.of("fraud@v1")).reason(" ").call());
        InvalidValueException control = refused(InvalidValueException.class,
                () -> r.promote("fraud@v1", "staging").reason("ok\u0000").call());
        assertTrue(control.getMessage().contains("reason"), control.getMessage());
        assertEquals(List.of(), r.status(null));
    }

    @Test
    void demotingAModelTheStageDoesNotHoldIsNotFound() throws Exception {
        VersionNotFoundException e = refused(VersionNotFoundException.class,
                () -> r.demote("fraud", "production").reason("off").call());
        assertEquals("fraud@production", e.reference());
        assertTrue(e.getMessage().contains("production") && e.getMessage().contains("fraud"), e.getMessage());
        r.promote("fraud@v1", "staging").reason("eval").call();
        // the stage holds another version than the one named
        StageRuleViolationException other = refused(StageRuleViolationException.class,
                () -> r.demote("fraud@v2", "staging").reason("off").call());
        assertEquals("staging", other.stage());
        assertTrue(other.getMessage().contains("fraud@v1") && other.getMessage().contains("fraud@v2"), other.getMessage());
        // another model is not held even though the stage exists
        assertEquals("ranker@staging", refused(VersionNotFoundException.class,
                () -> r.demote("ranker", "staging").reason("off").call()).reference());
    }

    @Test
    void rollingBackWithoutAPreviousVersionIsNotFound() throws Exception {
        VersionNotFoundException empty = refused(VersionNotFoundException.class,
                () -> r.rollback("fraud", "staging").reason("oops").call());
        assertEquals("fraud@staging", empty.reference());
        r.promote("fraud@v1", "staging").reason("eval").call();
        VersionNotFoundException first = refused(VersionNotFoundException.class,
                () -> r.rollback("fraud", "staging").reason("oops").call());
        assertEquals("fraud@staging", first.reference());
        assertTrue(first.getMessage().contains("fraud@v1") && first.getMessage().contains("demote"), first.getMessage());
        StageRuleViolationException archived = refused(StageRuleViolationException.class,
                () -> r.rollback("fraud", "archived").reason("oops").call());
        assertEquals("archived", archived.stage());
    }

    @Test
    void rollingBackToAnArchivedVersionIsRefused() throws Exception {
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.promote("fraud@v2", "staging").reason("eval").call();
        r.archive("fraud@v1").reason("broken").call();
        StageRuleViolationException e = refused(StageRuleViolationException.class,
                () -> r.rollback("fraud", "staging").reason("oops").call());
        assertEquals("archived", e.rule());
        assertTrue(e.getMessage().contains("fraud@v1") && e.getMessage().contains("restore"), e.getMessage());
    }

    @Test
    void aReleaseNamingAModelTwiceIsInvalid() throws Exception {
        RepoState before = RepoState.capture(dir);
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> r.release("staging", List.of("fraud@v1", "ranker@v1", "fraud@v2")));
        assertTrue(e.getMessage().contains("fraud") && e.getMessage().contains("twice"), e.getMessage());
        assertThrows(InvalidValueException.class, () -> r.release("staging", List.of()));
        RepoState.assertUnchanged(before, dir);
    }

    @Test
    void aReleaseIsAllOrNothing() throws Exception {
        setProductionGates("metrics.auc >= 0.9");
        r.register("embedder").metric("auc", 0.97).call();
        r.promote("fraud@v2", "staging").reason("eval").call();
        r.promote("ranker@v1", "staging").reason("eval").call();
        r.promote("fraud@v2", "production").reason("live").call();
        List<StageAssignment> statusBefore = r.status(null);

        // embedder@v1 was never in staging: the two good versions are not released either
        StageRuleViolationException never = refused(StageRuleViolationException.class,
                () -> r.release("production", List.of("ranker@v1", "embedder@v1")).reason("ship").call());
        assertEquals("production", never.stage());
        assertTrue(never.getMessage().contains("embedder@v1"), never.getMessage());
        // fraud@v1 fails the gate, last in the list
        r.promote("fraud@v1", "staging").reason("eval").call();
        statusBefore = r.status(null);
        StageRuleViolationException gate = refused(StageRuleViolationException.class,
                () -> r.release("production", List.of("ranker@v1", "fraud@v1")).reason("ship").call());
        assertEquals("metrics.auc >= 0.9", gate.rule());
        assertTrue(gate.getMessage().contains("fraud@v1") && gate.getMessage().contains("0.85"), gate.getMessage());
        // an archived version in the list
        r.promote("embedder@v1", "staging").reason("eval").call();
        r.archive("fraud@v3").reason("old").call();
        statusBefore = r.status(null);
        refused(StageRuleViolationException.class,
                () -> r.release("production", List.of("ranker@v1", "embedder@v1", "fraud@v3")).reason("ship").call());
        assertEquals(statusBefore, r.status(null));
        assertEquals(1, r.log("production").size());
        assertThrows(VersionNotFoundException.class, () -> r.resolve("ranker@production"));
        assertThrows(VersionNotFoundException.class, () -> r.resolve("embedder@production"));

        // all good: one commit changes both
        StageChange ok = r.release("production", List.of("ranker@v1", "embedder@v1")).reason("ship").call();
        assertEquals(2, ok.events().size());
        assertEquals("ranker@v1", r.resolve("ranker@production").ref().toString());
        assertEquals("embedder@v1", r.resolve("embedder@production").ref().toString());
    }

    @Test
    void aVersionThatDoesNotExistCannotBePromoted() throws Exception {
        VersionNotFoundException e = refused(VersionNotFoundException.class,
                () -> r.promote("fraud@v9", "staging").reason("x").call());
        assertTrue(e.getMessage().contains("fraud@v9") || e.reference().contains("fraud@v9"), e.getMessage());
        refused(io.gitmodel.registry.errors.ModelNotFoundException.class,
                () -> r.promote("nosuch@v1", "staging").reason("x").call());
    }
}
