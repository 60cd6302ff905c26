package io.gitmodel.registry;

import static io.gitmodel.registry.testing.HandClone.approvalMessage;
import static io.gitmodel.registry.testing.HandClone.stageFile;
import static io.gitmodel.registry.testing.HandClone.stageMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.errors.UntrustedStageException;
import io.gitmodel.registry.testing.Attacks;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GovernedRegistry;
import io.gitmodel.registry.testing.HandClone;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.Team;
import io.gitmodel.registry.testing.TestEnv;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Subtler attacks on a governed registry (no hook: pushes are accepted), found by a review, that
 * verify and trust on read catch: rollbacks to other versions, backdated signatures of revoked
 * keys, judgements reused across stages, requests that hold another promotion; and a dropped
 * principal whose earlier signatures stay valid.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@IsolatedGit
class GovernanceEdgeCasesTest {
    private GovernedRegistry g;
    private Attacks attacks;
    private TestEnv env;

    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @BeforeEach
    void registry(TestEnv env) throws Exception {
        this.env = env;
        g = GovernedRegistry.create(env);
        attacks = new Attacks(g);
    }

    private VerifyReport verify() throws Exception {
        try (Registry r = g.ada.open(g.server)) {
            return r.verify().call();
        }
    }

    /** Environment that dates a hand-made commit (author and committer) at {@code when}. */
    static Map<String, String> datedAt(Instant when) {
        String date = when.getEpochSecond() + " +0000";
        return Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date);
    }

    /**
     * A rollback needs no approvals and passes no gates, so it may only put back what the stage held
     * before: a signer of production (dan, ds) "rolls back" production to fraud@v3 (auc 0.80, never in
     * staging, never approved) by hand. Production needs 2 approvals, staging first and auc >= 0.9.
     */
    @Test
    void aRollbackPutsBackOnlyWhatTheStageHeldBefore() throws Exception {
        HandClone dan = g.clone(g.dan);
        String forged = dan.commit("stages/production", Map.of("fraud.yaml", stageFile("fraud", "production", 3, "rollback", "dan")),
                stageMessage("rollback", "production", "fraud", 3, 1), true);
        dan.push("stages/production").ok();
        VerifyReport report = verify();
        assertTrue(report.findings().stream().anyMatch(f -> f.commit().equals(forged)),
                "a rollback to a version production never held must be reported; got " + report.findings());
        try (Registry r = g.ada.open(g.server)) {
            assertThrows(UntrustedStageException.class, () -> r.resolve("fraud@production"),
                    "fraud@v3 must not be served from production");
        }
    }

    /**
     * A revoked admin (ada, removed by the second admin zed) signs a registry.yaml change with her
     * revoked key, dated before her revocation, dropping production's approvals to 0: dated before
     * the commit it follows, it is not in force.
     */
    @Test
    void aRevokedAdminsBackdatedPolicyChangeIsNotInForce() throws Exception {
        Thread.sleep(1500);
        Team.Member zed = new Team(env, Clock.systemUTC()).ssh("zed");
        try (Registry r = g.ada.open(g.server)) {
            r.addSigner("zed", zed.publicKey()).role("admin").reason("second admin").call();
        }
        try (Registry r = zed.open(g.server)) {
            r.removeSigner("ada@example.com").reason("ada left").call();
        }
        HandClone ada = g.clone(g.ada);
        String yaml = ada.show("origin/main", "registry.yaml");
        String change = ada.commit("main", Map.of("registry.yaml", yaml.replace("approvals: 2", "approvals: 0")),
                "relax production\n\nPolicy-Change: relax production\n", true, datedAt(Instant.now().minusSeconds(1800)));
        ada.push("main").ok();
        VerifyReport report = verify();
        assertTrue(report.findings().stream().anyMatch(f -> f.commit().equals(change) && f.rule().equals("admins")),
                "a policy change signed with a key revoked before it was pushed must not be in force; got " + report.findings());
    }

    /**
     * cy's key is revoked (signers remove cy); she still approves a request, with her revoked key,
     * dating the approval before her revocation: dated before the approval it follows, it does not
     * count.
     */
    @Test
    void aRevokedApproversBackdatedApprovalDoesNotCount() throws Exception {
        Thread.sleep(1500); // git dates are in seconds: cy's honest approval of fraud@v1 stays before her revocation
        try (Registry r = g.ada.open(g.server)) {
            r.removeSigner("cy").reason("cy left").call();
        }
        String change = attacks.request(g.dan, "fraud@v2");
        g.approve("fraud@v2:production", g.bo);
        HandClone cy = g.clone(g.cy);
        cy.commit("requests/production/fraud@v2", Map.of(), approvalMessage(change, "production"), true,
                datedAt(Instant.now().minusSeconds(1800)));
        cy.push("requests/production/fraud@v2").ok();
        Attacks.Attempt merge = attacks.mergeByHand("requests/production/fraud@v2");
        merge.push().ok();
        VerifyReport report = verify();
        assertTrue(report.findings().stream().anyMatch(f -> f.commit().equals(merge.commit()) && f.rule().equals("approvals: 2")),
                "an approval signed with a revoked key must not count; got " + report.findings());
    }

    /**
     * Trust on read remembers a judged-valid change per stage: once fraud@staging was read, the same
     * commit served as production's head is judged again for production, whose rules (2 approvals,
     * a gate) it never met.
     */
    @Test
    void aStagingCommitMovedOntoProductionIsNotTrustedForProduction() throws Exception {
        try (Registry r = g.ada.open(g.server)) {
            r.resolve("fraud@staging");
        }
        HandClone dan = g.clone(g.dan);
        dan.push("--force", "origin/stages/staging:refs/heads/stages/production").ok();
        try (Registry r = g.ada.open(g.server)) {
            assertThrows(UntrustedStageException.class, () -> r.resolve("fraud@production"),
                    "production's head is a staging change (Stage: staging), never approved");
        }
    }

    /** ada adds stages to the policy (each "  name:\n    description: ..." block after "stages:"). */
    static void addStages(GovernedRegistry g, String... names) throws Exception {
        try (Registry r = g.ada.open(g.server)) {
            String yaml = g.git("show", r.branch() + ":registry.yaml").ok().stdout();
            StringBuilder extra = new StringBuilder();
            for (String n : names) {
                extra.append("  ").append(n).append(":\n    description: ").append(n).append("\n");
            }
            String changed = yaml.replaceFirst("(?m)^stages:\n", "stages:\n" + extra);
            assertTrue(!changed.equals(yaml), yaml);
            r.setPolicy(changed).reason("add " + String.join(", ", names)).call();
        }
    }

    /**
     * The same commit on two stage branches is judged by each stage's rules: dan (a signer of canary,
     * which has no rules) promotes fraud@v3 (auc 0.80) to canary and points production at canary's
     * head; canary's verdict is not reused for production.
     */
    @Test
    void theSameCommitOnTwoStagesIsJudgedByEachStagesRules() throws Exception {
        addStages(g, "canary");
        try (Registry r = g.dan.open(g.server)) {
            r.promote("fraud@v3", "canary").reason("early traffic").call();
        }
        HandClone dan = g.clone(g.dan);
        dan.push("--force", "origin/stages/canary:refs/heads/stages/production").ok();
        VerifyReport report = verify();
        assertTrue(report.findings().stream().anyMatch(f -> f.ref().equals("refs/heads/stages/production")),
                "production now holds fraud@v3 through a canary commit (Stage: canary, no approvals); got " + report.findings());
    }


    /**
     * A request branch holds the promotion it is named for: dan pushes requests/production/fraud@v2
     * whose promotion commit promotes churn@v1; reviewers would approve "fraud@v2 for production".
     * It is listed with the problem, and git-model refuses to approve it.
     */
    @Test
    void aRequestBranchMustHoldThePromotionItIsNamedFor() throws Exception {
        try (Registry r = g.dan.open(g.server)) {
            r.register("churn").metric("auc", 0.95).call();
            r.promote("churn@v1", "staging").reason("offline eval").call();
        }
        HandClone dan = g.clone(g.dan);
        dan.git("checkout", "-q", "-B", "requests/production/fraud@v2", "origin/stages/production").ok();
        dan.commit("requests/production/fraud@v2", Map.of("churn.yaml", stageFile("churn", "production", 1, "promote", "dan")),
                stageMessage("promote", "production", "churn", 1, 0), true);
        dan.push("requests/production/fraud@v2").ok();
        try (Registry r = g.bo.open(g.server)) {
            PromotionRequest listed = r.requests().stream().filter(q -> q.name().toString().equals("fraud@v2:production")
                    || q.ref().endsWith("fraud@v2")).findFirst().orElseThrow();
            assertTrue(listed.problems().stream().anyMatch(f -> f.rule().equals("request")
                    && f.message().contains("not the promotion of fraud@v2 into production")), listed.toString());
            StageRuleViolationException refused = assertThrows(StageRuleViolationException.class,
                    () -> r.approve("fraud@v2:production").call());
            assertTrue(refused.getMessage().contains("nothing was approved"), refused.getMessage());
        }
    }

    /**
     * An admin who drops a departed principal from registry.yaml with policy set (instead of signers
     * remove): their key counts as revoked from then on, and what they signed or approved before
     * stays valid (production's fraud@v1, approved by bo and cy, is still served).
     */
    @Test
    void droppingAPrincipalKeepsWhatTheySignedBeforeValid() throws Exception {
        try (Registry r = g.ada.open(g.server)) {
            String yaml = g.git("show", r.branch() + ":registry.yaml").ok().stdout();
            String withoutCy = yaml.replaceFirst("(?m)^  cy:\n(    .*\n)+", "");
            assertTrue(!withoutCy.equals(yaml) && !withoutCy.contains("  cy:"), yaml);
            r.setPolicy(withoutCy).reason("cy left the company").call();
        }
        try (Registry r = g.ada.open(g.server)) {
            assertEquals(1, r.resolve("fraud@production").version());
            assertEquals(List.of(), r.verify().call().findings());
        }
    }

}
