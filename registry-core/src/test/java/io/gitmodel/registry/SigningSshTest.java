package io.gitmodel.registry;

import static io.gitmodel.registry.testing.RegistryAssertions.assertConsistent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.SshKeys;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of stage commit (promote, demote, rollback, archive, restore, release) is signed with
 * an SSH key made by the real ssh-keygen (ed25519 and RSA 3072) so that the real
 * {@code git verify-commit} accepts it, and the library's own verification agrees.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@IsolatedGit
class SigningSshTest {
    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ed25519", "rsa"})
    void everyKindOfStageCommitIsSignedSoThatGitVerifiesIt(String keyType, TestEnv env) throws Exception {
        Path tmp = env.dir();
        Path key = SshKeys.configureSigning(env, keyType);
        String fingerprint = SshKeys.fingerprint(key);
        assertTrue(fingerprint.startsWith("SHA256:"), fingerprint);
        Path dir = tmp.resolve("registry.git");
        Path artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
        List<StageChange> changes = new ArrayList<>();
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            r.register("fraud").artifact(artifact).metric("auc", 0.91).call();
            r.register("fraud").artifact(artifact).metric("auc", 0.93).call();
            r.register("fraud").artifact(artifact).metric("auc", 0.80).call();
            r.register("ranker").artifact(artifact).call();

            changes.add(r.promote("fraud@v1", "staging").reason("offline eval passed").call());
            changes.add(r.promote("fraud@v1", "production").reason("go live").call());
            changes.add(r.promote("fraud@v2", "staging").reason("better auc").call());
            changes.add(r.promote("fraud@v2", "production").reason("better auc").approvedBy("Bo <bo@example.com>").call());
            changes.add(r.rollback("fraud", "production").reason("latency regression").call());
            changes.add(r.demote("fraud", "staging").reason("evaluation slot freed").call());
            changes.add(r.archive("fraud@v3").reason("never good enough").call());
            changes.add(r.restore("fraud@v3").reason("needed for a comparison").call());
            changes.add(r.promote("ranker@v1", "staging").reason("eval ok").call());
            changes.add(r.release("production", List.of("fraud@v2", "ranker@v1")).reason("ship together").call());

            Set<String> actions = new LinkedHashSet<>();
            for (StageChange change : changes) {
                for (ModelEvent e : change.events()) {
                    actions.add(e.action().word());
                    assertGoodAndAllowed(e.signature(), fingerprint, change.stage() + " " + e.action());
                    assertEquals(change.commit(), e.commit());
                }
            }
            assertEquals(Set.of("promote", "rollback", "demote", "archive", "restore", "release"), actions);

            // read back from Git: every event in every history verifies the same way
            for (String model : List.of("fraud", "ranker")) {
                for (ModelEvent e : r.history(model)) {
                    if (e.action() != EventAction.REGISTER) {
                        assertGoodAndAllowed(e.signature(), fingerprint, "history " + e);
                    }
                }
            }
            for (String stage : List.of("staging", "production", "archived")) {
                assertTrue(!r.log(stage).isEmpty(), stage);
                r.log(stage).forEach(e -> assertGoodAndAllowed(e.signature(), fingerprint, "log " + e));
            }
        }

        GitCli git = env.git();
        for (StageChange change : changes) {
            GitCli.Result verify = git.git(dir, "verify-commit", "-v", change.commit());
            assertEquals(0, verify.exitCode(), () -> "git verify-commit " + change.commit() + " (" + change.stage() + "):\n"
                    + verify.stderr());
            assertTrue(verify.stderr().contains("Good \"git\" signature for ada@example.com"), verify.stderr());
            assertTrue(verify.stderr().contains(fingerprint), verify.stderr());
        }
        for (String stage : List.of("staging", "production", "archived")) {
            String marks = git.git(dir, "log", "--format=%G?", "stages/" + stage).ok().stdout().trim();
            assertTrue(!marks.isEmpty() && marks.lines().allMatch("G"::equals), stage + ": " + marks);
            String signers = git.git(dir, "log", "--format=%GS %GF", "stages/" + stage).ok().stdout().trim();
            assertTrue(signers.lines().allMatch(l -> l.equals("ada@example.com " + fingerprint)), stage + ": " + signers);
        }
        assertEquals("G\nG\nG\nG", git.git(dir, "log", "--format=%G?", "stages/production").ok().stdout().trim());
        assertConsistent(env, dir);
    }

    @org.junit.jupiter.api.Test
    void keyAndAllowedSignersGivenWithTildeAreFoundInTheHomeGitUses(TestEnv env) throws Exception {
        Path tmp = env.dir();
        Path ssh = env.home().resolve(".ssh");
        Path key = SshKeys.generate(ssh, "id_ed25519", "ed25519", "ada@example.com");
        SshKeys.allow(ssh.resolve("allowed_signers"), "ada@example.com", key);
        Files.writeString(env.home().resolve(".gitconfig"), "[gpg]\n\tformat = ssh\n[user]\n\tsigningKey = ~/.ssh/id_ed25519\n"
                + "[gpg \"ssh\"]\n\tallowedSignersFile = ~/.ssh/allowed_signers\n", java.nio.file.StandardOpenOption.APPEND);
        Path dir = tmp.resolve("registry.git");
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            r.register("fraud").call();
            StageChange c = r.promote("fraud@v1", "staging").reason("eval ok").call();
            assertGoodAndAllowed(c.event().signature(), SshKeys.fingerprint(key), "promote");
            assertEquals(0, env.git().git(dir, "verify-commit", c.commit()).exitCode());
        }
    }

    static void assertGoodAndAllowed(SignatureCheck s, String fingerprint, String what) {
        assertEquals(SignatureCheck.Status.GOOD, s.status(), () -> what + ": " + s);
        assertTrue(s.allowed(), () -> what + ": " + s);
        assertEquals("ssh", s.format(), what);
        assertEquals("ada@example.com", s.signer(), what);
        assertEquals(fingerprint, s.fingerprint(), what);
        assertEquals("good ssh ada@example.com", s.summary(), what);
    }
}
