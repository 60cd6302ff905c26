package io.gitmodel.registry;

import static io.gitmodel.registry.testing.HandClone.approvalMessage;
import static io.gitmodel.registry.testing.HandClone.stageFile;
import static io.gitmodel.registry.testing.HandClone.stageMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Review: attacks on a governed registry (no hook: pushes are accepted) that verify and trust on
 * read should catch but do not. Each test fails while the defect is there.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@IsolatedGit
class ReviewGovernanceDefectsTest {
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
     * ROLLBACK is judged without checking that the version put back is the Previous-Version of the
     * change that set the current one: a signer of production (dan, ds) "rolls back" production to
     * fraud@v3 (auc 0.80, never in staging, never approved) by hand. Production needs 2 approvals,
     * staging first and auc >= 0.9.
     */
    @Test
    void rollbackToAVersionProductionNeverHeldBypassesApprovalsGatesAndRequires() throws Exception {
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
     * revoked key, dated before her revocation: it is judged in force. She drops production's
     * approvals to 0.
     */
    @Test
    void aRevokedAdminBackdatingAPolicyChangeIsInForce() throws Exception {
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
     * dating the approval before her revocation. Approvals are not checked against any date: it
     * counts as the second approval.
     */
    @Test
    void aRevokedApproverBackdatingAnApprovalIsCounted() throws Exception {
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
     * A stage change made AFTER a policy change but dated before it (and after the stage's last
     * commit) is judged under the old policy: "backdating past a policy change is caught" holds only
     * when the stage itself moved after the policy change. ada raises staging's rules (signers:
     * [admin]); dan then promotes to staging dated before that change.
     */
    @Test
    void backdatingAStageChangePastAPolicyChangeIsNotCaught() throws Exception {
        Instant before = Instant.now();
        Thread.sleep(2000);
        try (Registry r = g.ada.open(g.server)) {
            String yaml = g.git("show", r.branch() + ":registry.yaml").ok().stdout();
            String stricter = yaml.replaceFirst("(?m)^(\\s+)description: candidates under evaluation$",
                    "$1description: candidates under evaluation\n$1signers: [admin]");
            assertTrue(!stricter.equals(yaml), yaml);
            r.setPolicy(stricter).reason("only admins stage").call();
        }
        HandClone dan = g.clone(g.dan);
        String forged = dan.commit("stages/staging", Map.of("fraud.yaml", stageFile("fraud", "staging", 3, "promote", "dan")),
                stageMessage("promote", "staging", "fraud", 3, 2), true, datedAt(before));
        dan.push("stages/staging").ok();
        VerifyReport report = verify();
        assertTrue(report.findings().stream().anyMatch(f -> f.commit().equals(forged)),
                "dan may no longer change staging; backdating must not hide it; got " + report.findings());
    }

    /**
     * Trust on read remembers a judged-valid change by commit id only (trusted/<policy>/<commit>),
     * not by stage: once fraud@staging was read, the same commit served as production's head is
     * trusted for production, whose rules (2 approvals, a gate) it never met.
     */
    @Test
    void aStagingCommitMovedOntoProductionIsTrustedAfterStagingWasRead() throws Exception {
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
     * The judge caches findings by commit id, not by (stage, commit): verify judges stages/canary
     * first (alphabetical), finds its commits valid, and then takes the same commits on
     * stages/production as valid too. dan (a signer of canary, which has no rules) promotes fraud@v3
     * (auc 0.80) to canary and points production at canary's head: verify says nothing.
     */
    @Test
    void verifyReusesACanaryJudgementForTheSameCommitOnProduction() throws Exception {
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
     * A request branch's name is never compared with its promotion commit: dan pushes
     * requests/production/fraud@v2 whose P promotes churn@v1. bo and cy approve "fraud@v2 for
     * production" (that is the approval message git-model writes), and the merge puts churn@v1 in
     * production. FORMAT: "The request refs/heads/requests/<stage>/<name>@v<N> starts with the
     * promotion commit P: exactly the commit a promotion would put on the stage".
     */
    @Test
    void aRequestNamedForOneVersionMayCarryAnotherPromotion() throws Exception {
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
            assertTrue(!listed.problems().isEmpty(), "request fraud@v2:production promotes churn@v1; it is listed as " + listed);
        }
    }


    /**
     * Past stage changes are said to be judged under the policy in force when they were made, but
     * signatures are checked against the keys of the policy in force NOW. An admin who drops a
     * departed principal from registry.yaml with policy set (instead of signers remove) makes every
     * change that principal signed or approved untrusted: production's fraud@v1, approved by bo and
     * cy under the policy of its time, is refused after cy is dropped.
     */
    @Test
    void droppingAPrincipalFromThePolicyInvalidatesTheirPastApprovals() throws Exception {
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
