package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GpgKeys;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenPGP stage commits signed by running the real gpg program (as git does), with RSA and
 * ed25519 keys made by gpg itself: the real {@code git verify-commit} accepts them and the
 * library reports them GOOD with the key's fingerprint. (JGit's Bouncy Castle signer gets ed25519
 * wrong, see FACTS.md; this is the regression test.)
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@IsolatedGit
class SigningOpenPgpTest {
    Path tmp;
    TestEnv env;
    GpgKeys keys;

    @BeforeAll
    static void requireGpg() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(GpgKeys.available(), "gpg is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        keys = GpgKeys.create();
        env.env().put("GNUPGHOME", keys.home().toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        keys.close();
    }

    private void signWith(String fingerprint, boolean explicitFormat) throws Exception {
        Files.writeString(env.home().resolve(".gitconfig"), "[user]\n\tsigningKey = " + fingerprint + "\n"
                + (explicitFormat ? "[gpg]\n\tformat = openpgp\n" : ""), StandardOpenOption.APPEND);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rsa3072", "ed25519"})
    void stageCommitsSignedThroughGpgVerifyWithGit(String algo) throws Exception {
        String fingerprint = keys.generate("Ada <ada@example.com>", algo);
        signWith(fingerprint, algo.equals("rsa3072")); // gpg.format openpgp explicitly, or left unset (git's default)
        Path dir = tmp.resolve("registry.git");
        Path artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
        List<StageChange> changes = new ArrayList<>();
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            r.register("fraud").artifact(artifact).call();
            r.register("fraud").artifact(artifact).call();
            changes.add(r.promote("fraud@v1", "staging").reason("eval ok").call());
            changes.add(r.promote("fraud@v1", "production").reason("go live").call());
            changes.add(r.promote("fraud@v2", "staging").reason("eval ok").call());
            changes.add(r.promote("fraud@v2", "production").reason("better").call());
            changes.add(r.rollback("fraud", "production").reason("latency").call());
            changes.add(r.demote("fraud", "staging").reason("done").call());
            changes.add(r.archive("fraud@v2").reason("superseded").call());
            changes.add(r.restore("fraud@v2").reason("needed again").call());
            changes.add(r.release("production", List.of("fraud@v2")).reason("release").call());
            for (StageChange c : changes) {
                assertGood(c.event().signature(), fingerprint, c.stage() + " " + c.event().action());
            }
            for (ModelEvent e : r.history("fraud")) {
                if (e.action() != EventAction.REGISTER) {
                    assertGood(e.signature(), fingerprint, "history " + e);
                }
            }
        }
        GitCli git = env.git();
        for (StageChange c : changes) {
            GitCli.Result verify = git.git(dir, "verify-commit", "--raw", c.commit());
            assertEquals(0, verify.exitCode(), () -> "git verify-commit " + c.commit() + ":\n" + verify.stderr());
            assertTrue(verify.stderr().contains("[GNUPG:] VALIDSIG " + fingerprint), verify.stderr());
        }
        String marks = git.git(dir, "log", "--format=%G?", "stages/production").ok().stdout().trim();
        // production: promote v1, promote v2, rollback, release
        assertEquals("G\nG\nG\nG", marks, "git log --format=%G? stages/production");
        String keysUsed = git.git(dir, "log", "--format=%GF", "stages/production").ok().stdout().trim();
        assertTrue(keysUsed.lines().allMatch(fingerprint::equals), keysUsed);
    }

    /**
     * init records the signer's public key in registry.yaml, so the registry verifies its OpenPGP
     * signatures from the repository alone (in-process): a machine whose keyring lacks the key still
     * sees a good signature by the principal. Plain git needs the key in its keyring.
     */
    @Test
    void theRegistryVerifiesWithTheKeyItHoldsNotTheKeyring() throws Exception {
        String fingerprint = keys.generate("Ada <ada@example.com>", "ed25519");
        signWith(fingerprint, true);
        Path dir = tmp.resolve("registry.git");
        String commit;
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            assertEquals(List.of("ada@example.com"), r.signers().stream().map(Principal::name).toList());
            assertEquals(fingerprint, r.signers().get(0).keys().get(0).fingerprint());
            r.register("fraud").call();
            commit = r.promote("fraud@v1", "staging").reason("eval ok").call().commit();
        }
        try (GpgKeys empty = GpgKeys.create()) {
            java.util.Map<String, String> other = empty.env(env.env());
            RegistryConfig config = env.config().toBuilder().environment(other).build();
            try (Registry r = Registry.open(dir, config)) {
                SignatureCheck s = r.log("staging").get(0).signature();
                assertEquals(SignatureCheck.Status.GOOD, s.status(), s.toString());
                assertTrue(s.allowed(), s.toString());
                assertEquals("openpgp", s.format());
                assertEquals("ada@example.com", s.signer());
                assertEquals(fingerprint, s.fingerprint());
            }
            assertNotEquals(0, new GitCli(other).git(dir, "verify-commit", commit).exitCode());
        }
    }

    @Test
    void aKeyGpgDoesNotHaveIsASigningErrorAndPublishesNothing() throws Exception {
        keys.generate("Ada <ada@example.com>", "ed25519");
        signWith("0123456789ABCDEF0123456789ABCDEF01234567", true);
        Path dir = tmp.resolve("registry.git");
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            r.register("fraud").call();
            RepoState before = RepoState.capture(dir);
            SigningException e = assertThrows(SigningException.class,
                    () -> r.promote("fraud@v1", "staging").reason("eval ok").call());
            assertTrue(e.getMessage().contains("0123456789ABCDEF0123456789ABCDEF01234567"), e.getMessage());
            RepoState after = RepoState.capture(dir);
            assertEquals(before.refs(), after.refs(), "the refs changed");
            assertEquals(List.of(), r.status(null));
        }
    }

    @Test
    void aKeyGpgDoesNotHaveWritesNoObjects() throws Exception {
        keys.generate("Ada <ada@example.com>", "ed25519");
        signWith("0123456789ABCDEF0123456789ABCDEF01234567", true);
        Path dir = tmp.resolve("registry.git");
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            r.register("fraud").call();
            RepoState before = RepoState.capture(dir);
            assertThrows(SigningException.class, () -> r.promote("fraud@v1", "staging").reason("eval ok").call());
            RepoState.assertUnchanged(before, dir);
        }
    }

    static void assertGood(SignatureCheck s, String fingerprint, String what) {
        assertEquals(SignatureCheck.Status.GOOD, s.status(), () -> what + ": " + s);
        assertEquals("openpgp", s.format(), what);
        assertEquals(fingerprint, s.fingerprint(), what);
        assertTrue(s.signer().contains("ada@example.com"), () -> what + ": " + s);
        assertTrue(s.allowed(), () -> what + ": " + s);
    }
}
