package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.testing.Attacks;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GitPlumbing;
import io.gitmodel.registry.testing.HandClone;
import io.gitmodel.registry.testing.GovernedRegistry;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared registry guarded by its pre-receive hook: every attack, pushed with the real
 * {@code git push}, is rejected with the reason and moves no ref; the team's own work (git-model
 * push of versions, stage changes, requests and approvals; a forge-style merge with the git CLI)
 * goes through.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@IsolatedGit
class PreReceiveHookTest {
    private GovernedRegistry g;
    private Attacks attacks;
    private TestEnv env;

    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @BeforeEach
    void guarded(TestEnv env) throws Exception {
        this.env = env;
        g = GovernedRegistry.create(env);
        attacks = new Attacks(g);
        Path hook = g.installHook();
        assertTrue(Files.isExecutable(hook));
    }

    private String refs() {
        return g.git("for-each-ref", "--format=%(objectname) %(refname)").ok().stdout();
    }

    /** The push is rejected by the hook with a message containing {@code reason}, and no ref of the server moved. */
    private void assertRejected(Attacks.Attempt attempt, String before, String reason) {
        GitCli.Result push = attempt.push();
        assertNotEquals(0, push.exitCode(), "the push must be rejected:\n" + push.stdout() + push.stderr());
        String said = push.stdout() + push.stderr();
        assertTrue(said.contains("pre-receive hook declined"), said);
        assertTrue(said.contains(reason), "expected \"" + reason + "\" in:\n" + said);
        assertEquals(before, refs(), "a rejected push moves no ref");
    }

    @Test
    void everyAttackIsRejectedWithItsReason() throws Exception {
        String clean = refs();
        assertRejected(attacks.unsignedPromotion(), clean, "[signed]");
        assertRejected(attacks.keyOutsidePolicy(), clean, "requires signed commits by principals of registry.yaml");
        assertRejected(attacks.claimedIdentity(), clean, "[signed]");
        assertRejected(attacks.movedTag(), clean, "version tag fraud@v1 may not move");
        assertRejected(attacks.deletedTag(), clean, "version tag fraud@v2 may not be deleted");
        assertRejected(attacks.forcePushedStageHistory(), clean, "stage staging may not be rewritten");
        assertRejected(attacks.policyChangeByNonAdmin(), clean, "signed by dan, who is not an admin");
        assertRejected(attacks.gateBypassedByEditedMetadata(), clean, "version tag fraud@v3 may not move");
        assertRejected(attacks.metadataEditedAfterRegistration(), clean, "differs from what fraud@v3 registered");
    }

    @Test
    void mergesOfRequestsBreakingTheRulesAreRejected() throws Exception {
        // each attack pushes its request branch (requests are free) and is stopped at the merge
        assertRejected(attacks.selfApproval(), refsWithRequests(), "is by the requester bo");
        deleteRequests();
        assertRejected(attacks.sameApproverTwice(), refsWithRequests(), "is a second approval by cy");
        deleteRequests();
        assertRejected(attacks.approvalOfAnotherCommit(), refsWithRequests(), "approves another commit");
        deleteRequests();
        assertRejected(attacks.copiedApprovals(), refsWithRequests(), "approves another commit");
        deleteRequests();
        assertRejected(attacks.requestChangedAfterApproval(), refsWithRequests(), "does not merge a request made on the stage");
        deleteRequests();
        assertRejected(attacks.skippedRequiredStage(), refsWithRequests(), "it must have been in staging first");
    }

    /** The server's refs once the attack's request branch is there: the merge push is what must not move anything. */
    private String refsWithRequests() {
        return new RefsLater(this).toString();
    }

    private void deleteRequests() {
        for (String ref : g.git("for-each-ref", "--format=%(refname)", "refs/heads/requests/").ok().stdout().split("\n")) {
            if (!ref.isBlank()) {
                g.git("update-ref", "-d", ref).ok();
            }
        }
    }

    /** Reads the refs when compared, after the attack has pushed its request branch. */
    private record RefsLater(PreReceiveHookTest test) {
        @Override
        public String toString() {
            return test.refs();
        }
    }

    @Test
    void theTeamsOwnWorkGoesThrough() throws Exception {
        Path danDir = env.dir().resolve("dan-clone");
        try (Registry dan = Registry.cloneFrom(g.url(), danDir).config(g.dan.config()).call()) {
            dan.register("fraud").metric("auc", 0.97).call();
            dan.promote("fraud@v4", "staging").reason("offline eval").call();
            PromotionRequest request = dan.request("fraud@v4", "production").reason("best yet").call();
            dan.push("origin").request(request.name(), false).call();
        }
        for (var reviewer : List.of(g.bo, g.cy)) {
            Path dir = env.dir().resolve(reviewer.name() + "-clone");
            try (Registry r = Registry.cloneFrom(g.url(), dir).config(reviewer.config()).call()) {
                r.approve("fraud@v4:production").comment("checked").call();
                r.push("origin").request(RequestName.parse("fraud@v4:production"), false).call();
            }
        }
        try (Registry dan = Registry.open(danDir, g.dan.config())) {
            dan.pull("origin").call();
            dan.merge("fraud@v4:production").call();
            dan.push("origin").deleteRequest(RequestName.parse("fraud@v4:production")).call();
        }
        try (Registry server = g.ada.open(g.server)) {
            assertEquals(4, server.resolve("fraud@production").version());
            assertEquals(List.of(), server.requests());
            assertEquals(List.of(), server.verify().call().findings());
        }
    }

    @Test
    void aForgeStyleMergeGoesThroughTheHook() throws Exception {
        attacks.request(g.dan, "fraud@v2");
        g.approve("fraud@v2:production", g.bo, g.cy);
        attacks.mergeByHand("requests/production/fraud@v2").push().ok();
        try (Registry server = g.ada.open(g.server)) {
            assertEquals(2, server.resolve("fraud@production").version());
        }
    }

    @Test
    void gitModelPushToAGuardedRemoteIsJudgedToo() throws Exception {
        // JGit would receive in-process and skip the hook; git-model pushes through git's receive-pack instead
        Path dir = env.dir().resolve("mallory-clone");
        try (Registry dan = Registry.cloneFrom(g.url(), dir).config(g.dan.config()).call()) {
            // an unsigned stage change made behind git-model's back in the clone, pushed with git-model
            new GitPlumbing(g.dan.env(), dan.gitDirectory()).commit("stages/staging", java.util.Map.of("fraud.yaml",
                    HandClone.stageFile("fraud", "staging", 3, "promote", "dan")),
                    HandClone.stageMessage("promote", "staging", "fraud", 3, 2), java.util.Map.of());
            String before = refs();
            TransportException refused = assertThrows(TransportException.class, () -> dan.push("origin").call());
            assertTrue(refused.getMessage().contains("origin said: ") && refused.getMessage().contains("git-model: refs/heads/stages/staging"), refused.getMessage());
            assertTrue(refused.getMessage().contains("[signed]"), refused.getMessage());
            assertEquals(before, refs());
        }
    }
}
