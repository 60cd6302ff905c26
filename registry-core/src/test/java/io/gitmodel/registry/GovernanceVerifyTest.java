package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.UntrustedStageException;
import io.gitmodel.registry.testing.Attacks;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GovernedRegistry;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attacks a governed registry must catch, each made with the real git CLI and real SSH keys by
 * someone with push access to the shared repository (no hook installed here, so the push is
 * accepted): {@code verify} reports each with its rule, and reads that depend on it fail closed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@IsolatedGit
class GovernanceVerifyTest {
    private GovernedRegistry g;
    private Attacks attacks;

    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @BeforeEach
    void registry(TestEnv env) throws Exception {
        g = GovernedRegistry.create(env);
        attacks = new Attacks(g);
    }

    private VerifyReport verify() throws Exception {
        try (Registry r = g.ada.open(g.server)) {
            return r.verify().call();
        }
    }

    /** Runs the attack (its push is accepted: no hook) and returns what verify reports. */
    private VerifyReport after(Attacks.Attempt attempt) throws Exception {
        attempt.push().ok();
        return verify();
    }

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
        Attacks.Attempt a = attacks.unsignedPromotion();
        assertFound(after(a), "signed", a.commit(), "unsigned");
        assertUntrusted("fraud@staging");
    }

    @Test
    void aPromotionSignedByAKeyOutsideThePolicyIsFound() throws Exception {
        Attacks.Attempt a = attacks.keyOutsidePolicy();
        assertFound(after(a), "signed", a.commit(), "stage staging requires signed commits by principals of registry.yaml");
        assertUntrusted("fraud@staging");
    }

    @Test
    void claimingAnAllowedIdentityWithAnotherKeyIsFound() throws Exception {
        Attacks.Attempt a = attacks.claimedIdentity();
        assertEquals("bo bo", g.git("log", "-1", "--format=%an %cn", a.commit()).ok().stdout().trim());
        assertFound(after(a), "signed", a.commit(), "requires signed commits by principals");
        assertUntrusted("fraud@staging");
    }

    @Test
    void selfApprovalIsFound() throws Exception {
        Attacks.Attempt a = attacks.selfApproval();
        assertFound(after(a), "approvals: 2", a.commit(), "is by the requester bo");
        assertUntrusted("fraud@production");
    }

    @Test
    void theSameApproverTwiceCountsOnce() throws Exception {
        Attacks.Attempt a = attacks.sameApproverTwice();
        assertFound(after(a), "approvals: 2", a.commit(), "is a second approval by cy");
        assertUntrusted("fraud@production");
    }

    @Test
    void anApprovalOfAnotherCommitDoesNotCount() throws Exception {
        String other = g.git("rev-parse", "stages/production").ok().stdout().trim();
        Attacks.Attempt a = attacks.approvalOfAnotherCommit();
        assertFound(after(a), "approvals: 2", a.commit(), "approves another commit (" + other.substring(0, 12) + ")");
        assertUntrusted("fraud@production");
    }

    @Test
    void approvalsCopiedFromAnotherRequestDoNotCount() throws Exception {
        Attacks.Attempt a = attacks.copiedApprovals();
        VerifyReport report = after(a);
        assertFound(report, "approvals: 2", a.commit(), "approves another commit");
        assertFound(report, "metrics.auc >= 0.9", a.commit(), "fraud@v3 has metrics.auc = 0.8");
        assertUntrusted("fraud@production");
    }

    @Test
    void anApprovalMadeBeforeTheRequestChangedDoesNotCount() throws Exception {
        Attacks.Attempt a = attacks.requestChangedAfterApproval();
        assertFound(after(a), "request", a.commit(), "does not merge a request made on the stage as it was");
        assertUntrusted("fraud@production");
    }

    @Test
    void aMovedVersionTagIsFound() throws Exception {
        Attacks.Attempt a = attacks.movedTag();
        assertFound(after(a), "tag", a.commit(), "which registered fraud@v2: the tag was moved");
    }

    @Test
    void aDeletedTagOfAStagedVersionIsFound() throws Exception {
        assertFound(after(attacks.deletedTag()), "tag", null, "fraud@v2 is gone, but the version was in a stage");
    }

    @Test
    void aForcePushedStageHistoryIsFound() throws Exception {
        assertEquals(List.of(), verify().findings(), "verify records the heads it saw");
        assertFound(after(attacks.forcePushedStageHistory()), "history", null, "the history of stages/staging was rewritten");
    }

    @Test
    void aPolicyChangeBySomeoneNotAllowedIsFoundAndNotInForce() throws Exception {
        Attacks.Attempt a = attacks.policyChangeByNonAdmin();
        VerifyReport report = after(a);
        assertFound(report, "admins", a.commit(), "signed by dan, who is not an admin");
        assertFound(report, "approvals: 2", null, "changes stage production directly");
        assertUntrusted("fraud@production");
    }

    @Test
    void aGateBypassedByEditingMetadataAndMovingTheTagIsFound() throws Exception {
        Attacks.Attempt a = attacks.gateBypassedByEditedMetadata();
        assertFound(after(a), "tag", a.commit(), "was registered before it (its parent");
    }

    @Test
    void metadataEditedOnTheRegistryBranchAfterRegistrationIsFound() throws Exception {
        assertFound(after(attacks.metadataEditedAfterRegistration()), "registered", null,
                "differs from what fraud@v3 registered");
    }

    @Test
    void aStageChangeSkippingTheRequiredStageIsFound() throws Exception {
        Attacks.Attempt a = attacks.skippedRequiredStage();
        VerifyReport report = after(a);
        assertFound(report, "requires: staging", a.commit(), "it must have been in staging first");
        assertTrue(found(report, "approvals: 2", a.commit()).isEmpty(), "the approvals themselves are valid: " + report.findings());
        assertUntrusted("fraud@production");
    }

    @Test
    void aForgeStyleMergeOfAnApprovedRequestVerifies() throws Exception {
        attacks.request(g.dan, "fraud@v2");
        g.approve("fraud@v2:production", g.bo, g.cy);
        attacks.mergeByHand("requests/production/fraud@v2").push().ok();
        assertEquals(List.of(), verify().findings());
        try (Registry r = g.ada.open(g.server)) {
            assertEquals(2, r.resolve("fraud@production").version());
        }
    }
}
