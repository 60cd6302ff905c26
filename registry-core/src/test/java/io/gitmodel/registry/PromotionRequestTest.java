package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.RequestExistsException;
import io.gitmodel.registry.errors.NotAllowedException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GpgKeys;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.Team;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The approval flow of a team, each person a real git user with their own SSH key: a data
 * scientist requests a promotion, two reviewers approve it with signed commits, it is merged, and
 * production serves it; every shortcut (self-approval, a second approval by the same reviewer, a
 * merge short of approvals, a request made on a stage that moved) is refused and changes nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@IsolatedGit
class PromotionRequestTest {
    private Team.Member ada;
    private Team.Member bo;
    private Team.Member cy;
    private Team.Member dan;
    private Path dir;

    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @BeforeEach
    void team(TestEnv env) throws Exception {
        Team team = new Team(env);
        ada = team.ssh("ada");
        bo = team.ssh("bo");
        cy = team.ssh("cy");
        dan = team.ssh("dan");
        dir = env.dir().resolve("registry.git");
        try (Registry r = Registry.init(dir).bare(true).config(ada.config()).call()) {
            r.addSigner("bo", bo.publicKey()).role("ml-lead").reason("reviewer").call();
            r.addSigner("cy", cy.publicKey()).role("risk").reason("risk officer").call();
            r.addSigner("dan", dan.publicKey()).role("ds").reason("data scientist").call();
            String yaml = ada.git().git(dir, "show", r.branch() + ":registry.yaml").ok().stdout();
            r.setPolicy(requireApprovals(yaml, 2)).reason("two approvals for production").call();
        }
        try (Registry r = dan.open(dir)) {
            r.register("fraud").metric("auc", 0.93).call();
            r.promote("fraud@v1", "staging").reason("offline eval passed").call();
        }
    }

    /** Production: two approvals by ml-lead or risk; changes signed by admin, ml-lead or ds. */
    static String requireApprovals(String registryYaml, int approvals) {
        String replaced = registryYaml.replaceFirst("(?m)^(\\s+)approvals: 0$", "$1approvals: " + approvals
                + "\n$1signers: [admin, ml-lead, ds]\n$1approvers: [ml-lead, risk]");
        assertFalse(replaced.equals(registryYaml), registryYaml);
        return replaced;
    }

    @Test
    void aRequestApprovedByTwoReviewersIsMergedAndServed() throws Exception {
        PromotionRequest made;
        try (Registry r = dan.open(dir)) {
            made = r.request("fraud@v1", "production").reason("beats v0 on the holdout").call();
            assertEquals("requests/production/fraud@v1", made.name().toString());
            assertEquals("dan", made.requestedBy());
            assertEquals(2, made.approvalsMissing());
            assertTrue(made.current());
            assertEquals(List.of(), made.problems());
            assertThrows(VersionNotFoundException.class, () -> r.resolve("fraud@production"), "a request changes no stage");
        }
        try (Registry r = bo.open(dir)) {
            PromotionRequest approved = r.approve("fraud@v1:production").comment("metrics checked").call();
            assertEquals(List.of("bo"), approved.approvers());
            assertEquals(1, approved.approvalsMissing());
        }
        try (Registry r = cy.open(dir)) {
            PromotionRequest approved = r.approve("requests/production/fraud@v1").call();
            assertEquals(List.of("bo", "cy"), approved.approvers());
            assertTrue(approved.mergeable(), approved.toString());
            assertEquals(List.of(approved.name()), r.requests().stream().map(PromotionRequest::name).toList());
        }
        try (Registry r = dan.open(dir)) {
            StageChange merged = r.merge("fraud@v1:production").call();
            assertEquals(1, r.resolve("fraud@production").version());
            ModelEvent event = merged.events().get(0);
            assertEquals(List.of("bo", "cy"), event.approvedBy());
            assertEquals(EventAction.PROMOTE, event.action());
            ModelEvent logged = r.log("production").get(r.log("production").size() - 1);
            assertEquals(merged.commit(), logged.commit());
            assertEquals(List.of("bo", "cy"), logged.approvedBy());
            assertTrue(logged.valid(), logged.problems().toString());
            assertEquals(List.of(), r.requests(), "a merged request is no longer open");
        }
        GitCli git = dan.git();
        assertEquals("", git.git(dir, "branch", "--list", "requests/*").ok().stdout().trim(), "the merged request's branch is gone");
        String mergeParents = git.git(dir, "log", "-1", "--format=%P", "stages/production").ok().stdout().trim();
        assertEquals(2, mergeParents.split(" ").length, "a merge commit, never a fast-forward");
        GitCli.Result verified = git.git(dir, "verify-commit", "stages/production");
        assertEquals(0, verified.exitCode(), verified.stderr());
        assertTrue(verified.stderr().contains("signature for dan with"), "git names the principal: " + verified.stderr());
        RegistryAssertions.assertConsistent(new TestEnv(dir.getParent().resolve("check")), dir);
    }

    @Test
    void theRequesterCannotApproveAndNoReviewerCountsTwice() throws Exception {
        try (Registry r = bo.open(dir)) {
            r.request("fraud@v1", "production").reason("ship it").call();
            NotAllowedException self = assertThrows(NotAllowedException.class, () -> r.approve("fraud@v1:production").call());
            assertEquals("approvals", self.rule());
            assertTrue(self.getMessage().contains("bo made request requests/production/fraud@v1"), self.getMessage());
        }
        try (Registry r = cy.open(dir)) {
            r.approve("fraud@v1:production").call();
            String before = cy.git().git(dir, "rev-parse", "requests/production/fraud@v1").ok().stdout();
            NotAllowedException twice = assertThrows(NotAllowedException.class, () -> r.approve("fraud@v1:production").call());
            assertTrue(twice.getMessage().contains("cy approved request requests/production/fraud@v1 already"), twice.getMessage());
            assertEquals(before, cy.git().git(dir, "rev-parse", "requests/production/fraud@v1").ok().stdout(), "nothing written");
        }
        try (Registry r = dan.open(dir)) {
            StageRuleViolationException shortOfOne = assertThrows(StageRuleViolationException.class,
                    () -> r.merge("fraud@v1:production").call());
            assertEquals("approvals: 2", shortOfOne.rule());
            assertTrue(shortOfOne.getMessage().contains("has 1 valid approval(s) of 2 needed (cy)"), shortOfOne.getMessage());
            assertThrows(VersionNotFoundException.class, () -> r.resolve("fraud@production"));
        }
    }

    @Test
    void aReviewerOutsideTheApproversCannotApprove() throws Exception {
        try (Registry r = bo.open(dir)) {
            r.request("fraud@v1", "production").reason("ship it").call();
        }
        try (Registry r = dan.open(dir)) {
            NotAllowedException e = assertThrows(NotAllowedException.class, () -> r.approve("fraud@v1:production").call());
            assertEquals("stages.production.approvers", e.rule());
            assertTrue(e.getMessage().contains("dan may not approve requests into production"), e.getMessage());
        }
    }

    @Test
    void aRequestMadeOnAStageThatMovedMustBeMadeAgain() throws Exception {
        try (Registry r = dan.open(dir)) {
            r.register("fraud").metric("auc", 0.95).call();
            r.promote("fraud@v2", "staging").reason("better").call();
            r.request("fraud@v1", "production").reason("first").call();
            r.request("fraud@v2", "production").reason("second").call();
        }
        for (Team.Member reviewer : List.of(bo, cy)) {
            try (Registry r = reviewer.open(dir)) {
                r.approve("fraud@v1:production").call();
                r.approve("fraud@v2:production").call();
            }
        }
        try (Registry r = dan.open(dir)) {
            r.merge("fraud@v1:production").call();
            StageRuleViolationException stale = assertThrows(StageRuleViolationException.class,
                    () -> r.merge("fraud@v2:production").call());
            assertTrue(stale.getMessage().contains("the stage has changed since"), stale.getMessage());
            PromotionRequest again = r.request("fraud@v2", "production").reason("second, again").replace(true).call();
            assertEquals(List.of(), again.approvers(), "approvals of the old promotion commit do not carry over");
            assertEquals(2, again.approvalsMissing());
            assertEquals(1, r.resolve("fraud@production").version());
        }
    }

    @Test
    void aPolicyMadeStricterLaterKeepsWhatProductionServesTrusted(TestEnv env) throws Exception {
        Path other = env.dir().resolve("other.git");
        try (Registry r = Registry.init(other).bare(true).config(ada.config()).call()) {
            r.register("fraud").metric("auc", 0.93).call();
            r.promote("fraud@v1", "staging").reason("eval").call();
            r.promote("fraud@v1", "production").reason("no approvals needed yet").call();
            String yaml = ada.git().git(other, "show", r.branch() + ":registry.yaml").ok().stdout();
            r.setPolicy(requireApprovals(yaml, 2)).reason("two approvals from now on").call();

            assertEquals(1, r.resolve("fraud@production").version(), "judged under the policy in force when it was made");
            ModelEvent promoted = r.log("production").get(0);
            assertTrue(promoted.valid(), promoted.problems().toString());
            r.register("fraud").metric("auc", 0.95).call();
            r.promote("fraud@v2", "staging").reason("eval").call();
            StageRuleViolationException direct = assertThrows(StageRuleViolationException.class,
                    () -> r.promote("fraud@v2", "production").reason("no").call());
            assertEquals("approvals: 2", direct.rule());
        }
    }

    @Test
    void anOpenPgpReviewerApprovesAlongsideSshOnes(TestEnv env) throws Exception {
        Assumptions.assumeTrue(GpgKeys.available(), "gpg is not installed");
        try (GpgKeys keys = GpgKeys.create()) {
            Team.Member eve = new Team(env).openpgp("eve", keys);
            try (Registry r = ada.open(dir)) {
                r.addSigner("eve", eve.publicKey()).role("risk").reason("second risk officer").call();
            }
            try (Registry r = dan.open(dir)) {
                r.request("fraud@v1", "production").reason("go live").call();
            }
            try (Registry r = eve.open(dir)) {
                assertEquals(List.of("eve"), r.approve("fraud@v1:production").call().approvers());
            }
            try (Registry r = bo.open(dir)) {
                r.approve("fraud@v1:production").call();
            }
            String approval = eve.git().git(dir, "rev-parse", "requests/production/fraud@v1~1").ok().stdout().trim();
            GitCli.Result gpg = eve.git().git(dir, "verify-commit", approval);
            assertEquals(0, gpg.exitCode(), "git verifies eve's OpenPGP approval: " + gpg.stderr());
            try (Registry r = dan.open(dir)) {
                StageChange merged = r.merge("fraud@v1:production").call();
                assertEquals(List.of("eve", "bo"), merged.event().approvedBy());
                assertEquals(1, r.resolve("fraud@production").version());
                assertEquals(List.of(), r.verify().call().findings());
            }
        }
    }

    @Test
    void aRemovedSignerSignsNoMoreButWhatTheySignedStillVerifies() throws Exception {
        StageChange before;
        try (Registry r = bo.open(dir)) {
            r.register("fraud").metric("auc", 0.94).call();
            before = r.promote("fraud@v2", "staging").reason("bo, while on the team").call();
        }
        try (Registry r = ada.open(dir)) {
            r.removeSigner("bo").reason("left the team").call();
        }
        GitCli.Result git = ada.git().git(dir, "verify-commit", before.commit());
        assertEquals(0, git.exitCode(), "git still reads the allowed signers and verifies bo's earlier commit: " + git.stderr());
        try (Registry r = dan.open(dir)) {
            r.register("fraud").metric("auc", 0.95).call();
            assertEquals(List.of(), r.verify().artifacts(false).call().findings(), "what bo signed before still verifies");
            r.promote("fraud@v3", "staging").reason("the others still sign").call();
        }
        try (Registry r = bo.open(dir)) {
            NotAllowedException gone = assertThrows(NotAllowedException.class,
                    () -> r.promote("fraud@v1", "staging").reason("bo again").call());
            assertTrue(gone.getMessage().contains("of bo, revoked at "), gone.getMessage());
        }
    }

    @Test
    void anOpenRequestIsNotMadeTwiceByAccident() throws Exception {
        try (Registry r = dan.open(dir)) {
            r.request("fraud@v1", "production").reason("ship it").call();
            RequestExistsException e = assertThrows(RequestExistsException.class,
                    () -> r.request("fraud@v1", "production").reason("again").call());
            assertTrue(e.getMessage().contains("--replace"), e.getMessage());
        }
    }
}
