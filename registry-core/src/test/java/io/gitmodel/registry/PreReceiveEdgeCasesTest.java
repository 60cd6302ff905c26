package io.gitmodel.registry;

import static io.gitmodel.registry.testing.HandClone.stageFile;
import static io.gitmodel.registry.testing.HandClone.stageMessage;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GovernedRegistry;
import io.gitmodel.registry.testing.HandClone;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.Team;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Subtler pushes the pre-receive hook rejects, found by a review: each breaks the policy in a way a simple check misses. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@IsolatedGit
class PreReceiveEdgeCasesTest {
    private GovernedRegistry g;
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
        g.installHook();
    }

    private static void assertRejected(GitCli.Result push) {
        assertNotEquals(0, push.exitCode(), "the push must be rejected:\n" + push.stdout() + push.stderr());
    }

    /**
     * A stage change made after a policy change but dated before it cannot be told, from git alone,
     * from one really made before (verify judges it under the old policy; FORMAT section 12 says so).
     * The hook judges what arrives now under the policy in force now: ada restricts staging to
     * admins; dan's staging change dated before that is refused when pushed.
     */
    @Test
    void aStageChangeBackdatedPastAPolicyChangeIsRejected() throws Exception {
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
        dan.commit("stages/staging", Map.of("fraud.yaml", stageFile("fraud", "staging", 3, "promote", "dan")),
                stageMessage("promote", "staging", "fraud", 3, 2), true, GovernanceEdgeCasesTest.datedAt(before));
        assertRejected(dan.push("stages/staging"));
    }

    /** dan (a signer of production) "rolls back" production to fraud@v3, which it never held: no approvals, no gate, no staging. */
    @Test
    void aRollbackToAVersionTheStageNeverHeldIsRejected() throws Exception {
        HandClone dan = g.clone(g.dan);
        dan.commit("stages/production", Map.of("fraud.yaml", stageFile("fraud", "production", 3, "rollback", "dan")),
                stageMessage("rollback", "production", "fraud", 3, 1), true);
        assertRejected(dan.push("stages/production"));
    }

    /** A revoked admin's registry.yaml change, signed with her revoked key and dated before the revocation. */
    @Test
    void aRevokedAdminsBackdatedPolicyChangeIsRejected() throws Exception {
        Team.Member zed = new Team(env, Clock.systemUTC()).ssh("zed");
        try (Registry r = g.ada.open(g.server)) {
            r.addSigner("zed", zed.publicKey()).role("admin").reason("second admin").call();
        }
        Thread.sleep(1500);
        try (Registry r = zed.open(g.server)) {
            r.removeSigner("ada@example.com").reason("ada left").call();
        }
        HandClone ada = g.clone(g.ada);
        String yaml = ada.show("origin/main", "registry.yaml");
        ada.commit("main", Map.of("registry.yaml", yaml.replace("approvals: 2", "approvals: 0")),
                "relax production\n\nPolicy-Change: relax production\n", true,
                GovernanceEdgeCasesTest.datedAt(Instant.now().minusSeconds(1800)));
        assertRejected(ada.push("main"));
    }

    /**
     * One push creates stages/canary (no rules) and stages/prod-eu (2 approvals) at the same
     * commit, a canary change: it is judged for each stage, and prod-eu's rules reject it.
     */
    @Test
    void aCommitPushedToTwoStagesIsJudgedOnEach() throws Exception {
        try (Registry r = g.ada.open(g.server)) {
            String yaml = g.git("show", r.branch() + ":registry.yaml").ok().stdout();
            String changed = yaml.replaceFirst("(?m)^stages:\\n", "stages:\n  canary:\n    description: early\n"
                    + "  prod-eu:\n    description: eu\n    approvals: 2\n    signers: [admin]\n");
            r.setPolicy(changed).reason("canary and prod-eu").call();
        }
        HandClone dan = g.clone(g.dan);
        dan.git("checkout", "-q", "--orphan", "canary-work").ok();
        dan.git("rm", "-rqf", ".").ok();
        Files.writeString(dan.dir().resolve("fraud.yaml"), stageFile("fraud", "canary", 3, "promote", "dan"), StandardCharsets.UTF_8);
        dan.git("add", "fraud.yaml").ok();
        dan.git("-c", "commit.gpgsign=false", "commit", "-q", "-S", "-m", stageMessage("promote", "canary", "fraud", 3, 0)).ok();
        // control: alone, the commit is refused on prod-eu (it says Stage: canary, has no approvals)
        GitCli.Result alone = dan.push("HEAD:refs/heads/stages/prod-eu");
        assertNotEquals(0, alone.exitCode(), alone.stdout() + alone.stderr());
        assertTrue((alone.stdout() + alone.stderr()).contains("prod-eu"), alone.stdout() + alone.stderr());
        // together with canary, judged first, it goes through
        GitCli.Result push = dan.push("HEAD:refs/heads/stages/canary", "HEAD:refs/heads/stages/prod-eu");
        assertRejected(push);
    }
}
