package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.SignatureCheck.Status;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GitPlumbing;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.SshKeys;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Signatures that must not pass as good-and-allowed: a signer the registry does not list, a key
 * the allowed-signers file does not know, a commit altered after signing, an unsigned commit made
 * behind git-model's back; and the errors of a missing or wrong signing key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@IsolatedGit
class SigningPolicyTest {
    Path tmp;
    TestEnv env;
    GitCli git;
    Path dir;

    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        git = env.git();
        dir = tmp.resolve("registry.git");
    }

    private Registry newRegistry(boolean signed) throws Exception {
        Registry r = Registry.init(dir).bare(true).signed(signed).config(env.config()).call();
        r.register("fraud").metric("auc", 0.9).call();
        r.register("fraud").metric("auc", 0.95).call();
        return r;
    }

    private GitPlumbing plumbing() {
        return new GitPlumbing(env.env(), dir);
    }

    @Test
    void aGoodSignatureBySomeoneThePolicyDoesNotListIsNotAllowed() throws Exception {
        Path key = SshKeys.configureSigning(env, "ed25519");
        String fingerprint = SshKeys.fingerprint(key);
        try (Registry r = newRegistry(true)) {
            // init made ada the first admin; as admin she replaces the team by a plain allowed-signers list
            r.setPolicy(GitPlumbing.registryYaml(true, List.of("someone-else@example.com"), List.of())).reason("list").call();
            assertEquals(List.of("someone-else@example.com"), r.policy().allowedSigners());

            StageChange change = r.promote("fraud@v1", "staging").reason("eval ok").call();
            SignatureCheck s = change.event().signature();
            assertEquals(Status.GOOD, s.status(), s.toString());
            assertFalse(s.allowed(), "ada@example.com is not in signing.allowed_signers: " + s);
            assertEquals("ada@example.com", s.signer());
            assertEquals(fingerprint, s.fingerprint());
            assertTrue(s.summary().contains("not allowed"), s.summary());
            ModelEvent logged = r.log("staging").get(0);
            assertEquals(Status.GOOD, logged.signature().status());
            assertFalse(logged.signature().allowed());
            assertFalse(r.history("fraud").stream().filter(e -> e.action() != EventAction.REGISTER)
                    .anyMatch(e -> e.signature().allowed()));
            // git itself has no notion of the registry's list: the signature is good for git
            git.git(dir, "verify-commit", change.commit()).ok();

            // listing the signer by principal, or the key by fingerprint, allows it
            r.setPolicy(GitPlumbing.registryYaml(true, List.of("someone-else@example.com", "ada@example.com"), List.of()))
                    .reason("allow ada").call();
            assertTrue(r.log("staging").get(0).signature().allowed());
            r.setPolicy(GitPlumbing.registryYaml(true, List.of(fingerprint), List.of())).reason("by key").call();
            assertTrue(r.log("staging").get(0).signature().allowed());
        }
    }

    /**
     * registry.yaml names the team (init recorded ada's key): a promotion signed with a key no
     * principal has is refused before it is published.
     */
    @Test
    void aKeyNoPrincipalHasCannotChangeASignedStage() throws Exception {
        SshKeys.configureSigning(env, "ed25519");
        Path mallory = SshKeys.generate(env.home().resolve(".ssh"), "mallory", "ed25519", "mallory@example.com");
        try (Registry r = newRegistry(true)) {
            RepoState before = RepoState.capture(dir);
            io.gitmodel.registry.errors.NotAllowedException e = assertThrows(io.gitmodel.registry.errors.NotAllowedException.class,
                    () -> r.promote("fraud@v1", "staging").reason("eval ok").signingKey(mallory.toString()).call());
            assertTrue(e.getMessage().contains("no principal in registry.yaml has") && e.getMessage().contains("signers add"),
                    e.getMessage());
            assertEquals("principals", e.rule());
            RepoState.assertUnchanged(before, dir);
        }
    }

    @Test
    void anUnsignedStageCommitMadeWithGitShowsAsUnsigned() throws Exception {
        SshKeys.configureSigning(env, "ed25519");
        try (Registry r = newRegistry(true)) {
            r.promote("fraud@v1", "staging").reason("eval ok").call();
            r.promote("fraud@v1", "production").reason("go live").call();
            r.promote("fraud@v2", "staging").reason("eval ok").call();
            String file = "model: fraud\nstage: production\nversion: 2\naction: promote\nreason: hotfix\n"
                    + "by: Ada Tester <ada@example.com>\nat: '2026-03-14T11:00:00Z'\n";
            String message = "promote fraud@v2 to production\n\nhotfix\n\nAction: promote\nStage: production\nModel: fraud\n"
                    + "Version: 2\nPrevious-Version: 1\nReason: hotfix\n";
            String commit = plumbing().commit("stages/production", Map.of("fraud.yaml", file), message,
                    Map.of("GIT_COMMITTER_DATE", "2026-03-14T11:00:00Z", "GIT_AUTHOR_DATE", "2026-03-14T11:00:00Z"));

            // reads fail closed: the change that put fraud@v2 in production is unsigned
            io.gitmodel.registry.errors.UntrustedStageException refused = assertThrows(
                    io.gitmodel.registry.errors.UntrustedStageException.class, () -> r.resolve("fraud@production"));
            assertEquals(commit, refused.commit());
            assertEquals(List.of("signed"), refused.rules());
            assertTrue(refused.getMessage().contains("git-model verify") && refused.getMessage().contains("--unverified"),
                    refused.getMessage());
            assertThrows(io.gitmodel.registry.errors.UntrustedStageException.class, () -> r.status(null));
            try (Registry forensics = Registry.open(dir, env.config().toBuilder().readUnverified(true).build())) {
                assertEquals("fraud@v2", forensics.resolve("fraud@production").ref().toString());
            }
            ModelEvent last = r.history("fraud").get(r.history("fraud").size() - 1);
            assertTrue(last.problems().stream().anyMatch(p -> p.startsWith("signed:")), last.problems().toString());
            assertEquals(commit, last.commit());
            assertEquals(EventAction.PROMOTE, last.action());
            assertEquals(2, last.version());
            assertEquals(1, last.previousVersion());
            assertEquals(Status.UNSIGNED, last.signature().status());
            assertFalse(last.signature().allowed());
            assertEquals("unsigned", last.signature().summary());
            List<ModelEvent> production = r.log("production");
            assertEquals(Status.GOOD, production.get(0).signature().status());
            assertEquals(Status.UNSIGNED, production.get(1).signature().status());
            assertEquals("N\nG", git.git(dir, "log", "--format=%G?", "stages/production").ok().stdout().trim());
        }
    }

    @Test
    void noSigningKeyOnASignedRegistryIsASigningErrorThatSaysWhatToDo() throws Exception {
        try (Registry r = newRegistry(true)) {
            RepoState before = RepoState.capture(dir);
            SigningException e = assertThrows(SigningException.class,
                    () -> r.promote("fraud@v1", "staging").reason("eval ok").call());
            assertTrue(e.getMessage().contains("staging"), e.getMessage());
            assertTrue(e.getMessage().contains("user.signingKey"), e.getMessage());
            assertTrue(e.getMessage().contains("--unsigned"), e.getMessage());
            RepoState.assertUnchanged(before, dir);
            // every kind of change is refused the same way, before anything is written
            assertThrows(SigningException.class, () -> r.archive("fraud@v1").reason("old").call());
            assertThrows(SigningException.class, () -> r.release("staging", List.of("fraud@v2")).reason("r").call());
            RepoState.assertUnchanged(before, dir);
            assertEquals(List.of(), r.status(null));
        }
    }

    @Test
    void aSigningKeyFileThatDoesNotExistIsASigningError() throws Exception {
        SshKeys.configureSigning(env, "ed25519");
        try (Registry r = newRegistry(true)) {
            RepoState before = RepoState.capture(dir);
            String missing = tmp.resolve("no-such-dir").resolve("id_ed25519").toString();
            SigningException e = assertThrows(SigningException.class,
                    () -> r.promote("fraud@v1", "staging").reason("eval ok").signingKey(missing).call());
            assertTrue(e.getMessage().contains(missing), e.getMessage());
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            RepoState.assertUnchanged(before, dir);
        }
    }

    @Test
    void aConfiguredSshKeyFileThatIsGoneIsASigningError() throws Exception {
        Path key = SshKeys.configureSigning(env, "ed25519");
        Files.delete(key);
        try (Registry r = newRegistry(true)) {
            RepoState before = RepoState.capture(dir);
            SigningException e = assertThrows(SigningException.class,
                    () -> r.promote("fraud@v1", "staging").reason("eval ok").call());
            assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
            RepoState.assertUnchanged(before, dir);
        }
    }

    @Test
    void anUnsignedRegistryAcceptsStageChangesWithoutAKey() throws Exception {
        try (Registry r = newRegistry(false)) {
            assertFalse(r.policy().stage("production").orElseThrow().signed());
            List<StageChange> changes = List.of(
                    r.promote("fraud@v1", "staging").reason("eval ok").call(),
                    r.promote("fraud@v1", "production").reason("go live").call(),
                    r.promote("fraud@v2", "staging").reason("eval ok").call(),
                    r.promote("fraud@v2", "production").reason("better").call(),
                    r.rollback("fraud", "production").reason("latency").call(),
                    r.demote("fraud", "staging").reason("done").call(),
                    r.archive("fraud@v2").reason("superseded").call());
            for (StageChange c : changes) {
                assertEquals(Status.UNSIGNED, c.event().signature().status(), c.toString());
                assertFalse(c.event().signature().allowed());
            }
            r.history("fraud").forEach(e -> assertEquals(Status.UNSIGNED, e.signature().status()));
            assertEquals("N\nN\nN", git.git(dir, "log", "--format=%G?", "stages/production").ok().stdout().trim());
            assertEquals("fraud@v1", r.resolve("fraud@production").ref().toString());
        }
    }
}
