package io.gitmodel.registry;

import static io.gitmodel.registry.testing.HandClone.approvalMessage;
import static io.gitmodel.registry.testing.HandClone.stageFile;
import static io.gitmodel.registry.testing.HandClone.stageMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.UntrustedStageException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GovernedRegistry;
import io.gitmodel.registry.testing.HandClone;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attacks a governed registry must catch, each made with the real git CLI and real SSH keys by
 * someone with push access to the shared repository (no hook installed here): {@code verify}
 * reports each with its rule, and reads that depend on it fail closed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@IsolatedGit
class GovernanceVerifyTest {
    private GovernedRegistry g;

    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @BeforeEach
    void registry(TestEnv env) throws Exception {
        g = GovernedRegistry.create(env);
    }

    private VerifyReport verify() throws Exception {
        try (Registry r = g.ada.open(g.server)) {
            return r.verify().call();
        }
    }

    /** The findings with this rule, about this commit (any commit if null). */
    private static List<Finding> found(VerifyReport report, String rule, String commit) {
        return report.findings().stream().filter(f -> f.rule().equals(rule) && (commit == null || f.commit().equals(commit)))
                .toList();
    }

    private static void assertFound(VerifyReport report, String rule, String commit, String text) {
        List<Finding> hits = found(report, rule, commit);
        assertTrue(!hits.isEmpty(), "expected a [" + rule + "] finding" + (commit == null ? "" : " on " + commit) + ", got: "
                + report.findings());
        assertTrue(hits.stream().anyMatch(f -> f.message().contains(text)), "expected \"" + text + "\" in " + hits);
    }

    private void assertUntrusted(String ref) throws Exception {
        try (Registry r = g.ada.open(g.server)) {
            assertThrows(UntrustedStageException.class, () -> r.resolve(ref), ref + " must not be served");
        }
    }

    @Test
    void aRegistryKeptByTheRulesVerifiesClean() throws Exception {
        VerifyReport report = verify();
        assertEquals(List.of(), report.findings());
        assertTrue(report.stageCommits() >= 4, "stage commits judged: " + report.stageCommits());
        assertEquals(3, report.versions());
        assertTrue(report.policyChanges() >= 5, "init, three signers, the policy: " + report.policyChanges());
        assertEquals(0, g.git("fsck", "--strict").exitCode());
    }

    @Test
    void anUnsignedPromotionIsFound() throws Exception {
        HandClone c = g.clone(g.dan);
        String forged = c.commit("stages/staging", Map.of("fraud.yaml", stageFile("fraud", "staging", 3, "promote", "dan")),
                stageMessage("promote", "staging", "fraud", 3, 0), false);
        c.push("stages/staging").ok();
        assertFound(verify(), "signed", forged, "unsigned");
        assertUntrusted("fraud@staging");
    }

    @Test
    void aPromotionSignedByAKeyOutsideThePolicyIsFound() throws Exception {
        HandClone c = g.clone(g.mallory);
        String forged = c.commit("stages/staging", Map.of("fraud.yaml", stageFile("fraud", "staging", 3, "promote", "mallory")),
                stageMessage("promote", "staging", "fraud", 3, 0), true);
        c.push("stages/staging").ok();
        assertFound(verify(), "signed", forged, "stage staging requires signed commits by principals of registry.yaml");
        assertUntrusted("fraud@staging");
    }

    @Test
    void claimingAnAllowedIdentityWithAnotherKeyIsFound() throws Exception {
        HandClone c = g.clone(g.mallory);
        String forged = c.commit("stages/staging", Map.of("fraud.yaml", stageFile("fraud", "staging", 3, "promote", "bo")),
                stageMessage("promote", "staging", "fraud", 3, 0), true, Map.of("GIT_AUTHOR_NAME", "bo", "GIT_AUTHOR_EMAIL",
                        "bo@example.com", "GIT_COMMITTER_NAME", "bo", "GIT_COMMITTER_EMAIL", "bo@example.com"));
        c.push("stages/staging").ok();
        assertEquals("bo", c.git("log", "-1", "--format=%an %cn", forged).ok().stdout().trim().split(" ")[0]);
        assertFound(verify(), "signed", forged, "requires signed commits by principals");
        assertUntrusted("fraud@staging");
    }

    /** A request for fraud@v2 made with git-model by {@code requester}; returns its promotion commit. */
    private String request(io.gitmodel.registry.testing.Team.Member requester) throws Exception {
        try (Registry r = requester.open(g.server)) {
            return r.request("fraud@v2", "production").reason("better auc").call().commit();
        }
    }

    /** dan merges the request by hand, as a forge would: git merge --no-ff, signed, pushed. */
    private String mergeByHand(String request) {
        HandClone c = g.clone(g.dan);
        c.git("checkout", "-q", "-B", "stages/production", "origin/stages/production").ok();
        c.git("-c", "commit.gpgsign=false", "merge", "-q", "--no-ff", "-S", "-m", "Merge " + request, "origin/" + request).ok();
        c.push("stages/production").ok();
        return c.git("rev-parse", "HEAD").ok().stdout().trim();
    }

    @Test
    void selfApprovalIsFound() throws Exception {
        String change = request(g.bo);
        HandClone bo = g.clone(g.bo);
        bo.commit("requests/production/fraud@v2", Map.of(), approvalMessage(change, "production"), true);
        bo.push("requests/production/fraud@v2").ok();
        g.approve("fraud@v2:production", g.cy);
        String merge = mergeByHand("requests/production/fraud@v2");
        assertFound(verify(), "approvals: 2", merge, "is by the requester bo");
        assertUntrusted("fraud@production");
    }

    @Test
    void theSameApproverTwiceCountsOnce() throws Exception {
        String change = request(g.dan);
        g.approve("fraud@v2:production", g.cy);
        HandClone cy = g.clone(g.cy);
        cy.commit("requests/production/fraud@v2", Map.of(), approvalMessage(change, "production"), true);
        cy.push("requests/production/fraud@v2").ok();
        String merge = mergeByHand("requests/production/fraud@v2");
        assertFound(verify(), "approvals: 2", merge, "is a second approval by cy");
        assertUntrusted("fraud@production");
    }

    @Test
    void anApprovalOfAnotherCommitDoesNotCount() throws Exception {
        request(g.dan);
        String other = g.git("rev-parse", "stages/production").ok().stdout().trim();
        for (var reviewer : List.of(g.bo, g.cy)) {
            HandClone c = g.clone(reviewer);
            c.commit("requests/production/fraud@v2", Map.of(), approvalMessage(other, "production"), true);
            c.push("requests/production/fraud@v2").ok();
        }
        String merge = mergeByHand("requests/production/fraud@v2");
        assertFound(verify(), "approvals: 2", merge, "approves another commit (" + other.substring(0, 12) + ")");
        assertUntrusted("fraud@production");
    }

    @Test
    void approvalsCopiedFromAnotherRequestDoNotCount() throws Exception {
        // bo and cy approve a request for fraud@v2 into production; dan copies their approvals onto a new request for v3
        String approved = request(g.dan);
        g.approve("fraud@v2:production", g.bo, g.cy);
        HandClone dan = g.clone(g.dan);
        dan.git("checkout", "-q", "-B", "requests/production/fraud@v3", "origin/stages/production").ok();
        dan.commit("requests/production/fraud@v3", Map.of("fraud.yaml", stageFile("fraud", "production", 3, "promote", "dan")),
                stageMessage("promote", "production", "fraud", 3, 1), true);
        String tip = dan.git("rev-parse", "origin/requests/production/fraud@v2").ok().stdout().trim();
        dan.git("-c", "commit.gpgsign=false", "cherry-pick", "--allow-empty", tip + "~1", tip).ok();
        dan.push("requests/production/fraud@v3").ok();
        String merge = mergeByHand("requests/production/fraud@v3");
        VerifyReport report = verify();
        assertFound(report, "approvals: 2", merge, "approves another commit (" + approved.substring(0, 12) + ")");
        assertFound(report, "metrics.auc >= 0.9", merge, "fraud@v3 has metrics.auc = 0.8");
        assertUntrusted("fraud@production");
    }

    @Test
    void anApprovalMadeBeforeTheRequestChangedDoesNotCount() throws Exception {
        request(g.dan);
        g.approve("fraud@v2:production", g.bo, g.cy);
        // after the approvals, dan changes the request: production gets v3 instead
        HandClone dan = g.clone(g.dan);
        dan.commit("requests/production/fraud@v2", Map.of("fraud.yaml", stageFile("fraud", "production", 3, "promote", "dan")),
                stageMessage("promote", "production", "fraud", 3, 2), true);
        dan.push("requests/production/fraud@v2").ok();
        String merge = mergeByHand("requests/production/fraud@v2");
        assertFound(verify(), "request", merge, "does not merge a request made on the stage as it was");
        assertUntrusted("fraud@production");
    }

    @Test
    void aMovedVersionTagIsFound() throws Exception {
        HandClone c = g.clone(g.mallory);
        String later = c.git("rev-parse", "fraud@v2^{commit}").ok().stdout().trim();
        c.git("-c", "tag.gpgsign=false", "tag", "-f", "-a", "fraud@v1", "-m", "moved", later).ok();
        c.push("--force", "refs/tags/fraud@v1").ok();
        assertFound(verify(), "tag", later, "which registered fraud@v2: the tag was moved");
    }

    @Test
    void aDeletedTagOfAStagedVersionIsFound() throws Exception {
        g.clone(g.mallory).push(":refs/tags/fraud@v2").ok();
        assertFound(verify(), "tag", null, "fraud@v2 is gone, but the version was in a stage");
    }

    @Test
    void aForcePushedStageHistoryIsFound() throws Exception {
        assertEquals(List.of(), verify().findings(), "verify records the heads it saw");
        HandClone c = g.clone(g.mallory);
        c.push("--force", "origin/stages/staging~1:refs/heads/stages/staging").ok();
        assertFound(verify(), "history", null, "the history of stages/staging was rewritten");
    }

    @Test
    void aPolicyChangeBySomeoneNotAllowedIsFoundAndNotInForce() throws Exception {
        HandClone dan = g.clone(g.dan);
        String branch = "main";
        String yaml = dan.show("origin/" + branch, "registry.yaml");
        String relaxed = yaml.replace("approvals: 2", "approvals: 0");
        String change = dan.commit(branch, Map.of("registry.yaml", relaxed), "relax production", true);
        // under the relaxed policy dan promotes fraud@v2 to production directly, signed
        dan.commit("stages/production", Map.of("fraud.yaml", stageFile("fraud", "production", 2, "promote", "dan")),
                stageMessage("promote", "production", "fraud", 2, 1), true);
        dan.push(branch, "stages/production").ok();
        VerifyReport report = verify();
        assertFound(report, "admins", change, "signed by dan, who is not an admin");
        assertFound(report, "approvals: 2", null, "changes stage production directly");
        assertUntrusted("fraud@production");
    }

    @Test
    void aGateBypassedByEditingMetadataAfterRegistrationIsFound() throws Exception {
        // fraud@v3 has auc 0.80; mallory makes it 0.97 on the registry branch and moves the tag to her commit
        HandClone c = g.clone(g.mallory);
        String yaml = c.show("origin/main", "models/fraud/model.yaml");
        String edited = c.commit("main", Map.of("models/fraud/model.yaml", yaml.replace("0.8", "0.97")), "tune", false);
        c.git("-c", "tag.gpgsign=false", "tag", "-f", "-a", "fraud@v3", "-m", "fraud@v3", edited).ok();
        c.push("main", "--force", "refs/tags/fraud@v3").ok();
        assertFound(verify(), "tag", edited, "was registered before it (its parent");
    }

    @Test
    void metadataEditedOnTheRegistryBranchAfterRegistrationIsFound() throws Exception {
        HandClone c = g.clone(g.mallory);
        String yaml = c.show("origin/main", "models/fraud/model.yaml");
        c.commit("main", Map.of("models/fraud/model.yaml", yaml.replace("0.8", "0.97")), "tune", false);
        c.push("main").ok();
        assertFound(verify(), "registered", null, "differs from what fraud@v3 registered");
    }

    @Test
    void aStageChangeSkippingTheRequiredStageIsFound() throws Exception {
        // fraud@v3 was never in staging; dan requests it into production by hand and has it approved and merged
        HandClone dan = g.clone(g.dan);
        dan.git("checkout", "-q", "-B", "requests/production/fraud@v3", "origin/stages/production").ok();
        String change = dan.commit("requests/production/fraud@v3", Map.of("fraud.yaml", stageFile("fraud", "production", 3,
                "promote", "dan")), stageMessage("promote", "production", "fraud", 3, 1), true);
        dan.push("requests/production/fraud@v3").ok();
        g.approve("fraud@v3:production", g.bo, g.cy);
        String merge = mergeByHand("requests/production/fraud@v3");
        VerifyReport report = verify();
        assertFound(report, "requires: staging", merge, "staging");
        assertTrue(found(report, "approvals: 2", merge).isEmpty(), "the approvals themselves are valid: " + report.findings());
        assertTrue(change.length() == 40);
        assertUntrusted("fraud@production");
    }
}
