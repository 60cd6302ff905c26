package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sites changed the same stage offline. A plain pull refuses and changes nothing;
 * {@code pull --replay} takes the remote's stage history and makes the local changes again on
 * top, re-checked and re-signed, with renumbered versions translated.
 */
@IsolatedGit
class StageReplayTest {
    Path tmp;

    private TestEnv env;
    private Path hub;
    private Path model;

    @BeforeEach
    void hub(TestEnv env) throws Exception {
        assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
        this.env = env;
        tmp = env.dir();
        env.configureSshSigning("id_ed25519");
        hub = tmp.resolve("hub.git");
        model = Files.writeString(tmp.resolve("model.bin"), "weights");
        Registry.init(hub).bare(true).config(env.config()).call().close();
        try (Registry seed = Registry.cloneFrom(hub.toString(), tmp.resolve("seed")).bare(true).config(env.config()).call()) {
            seed.register("fraud").artifact(model).call();
            seed.register("fraud").artifact(model).call();
            seed.push("origin").call();
        }
    }

    private Registry site(String name) throws Exception {
        return Registry.cloneFrom(hub.toString(), tmp.resolve(name)).bare(true).config(env.config()).call();
    }

    /** A local stage commit git-model cannot read (made by hand, an unknown action) stops a replay; it is never dropped. */
    @Test
    void aLocalStageCommitThatCannotBeReadStopsTheReplayAndChangesNothing() throws Exception {
        try (Registry alice = site("alice"); Registry bob = site("bob")) {
            alice.promote("fraud@v1", "staging").reason("alice validates v1").call();
            alice.push("origin").call();
            bob.promote("fraud@v2", "staging").reason("bob validates v2").call();
            Path dir = tmp.resolve("bob");
            var git = env.git();
            String head = git.git(dir, "rev-parse", "stages/staging").ok().stdout().strip();
            String tree = git.git(dir, "rev-parse", "stages/staging^{tree}").ok().stdout().strip();
            String odd = git.git(dir, "commit-tree", tree, "-p", head, "-m", "merge fraud@v2 to staging\n\nAction: merge\n"
                    + "Stage: staging\nModel: fraud\nVersion: 2\nPrevious-Version: none").ok().stdout().strip();
            git.git(dir, "update-ref", "refs/heads/stages/staging", odd, head).ok();
            Map<String, String> before = RepoState.capture(dir).refs();

            TransportException e = assertThrows(TransportException.class, () -> bob.pull("origin").replayStageChanges(true).call());
            assertTrue(e.getMessage().contains(odd.substring(0, 12)) && e.getMessage().contains("cannot read"), e.getMessage());
            Map<String, String> after = new java.util.TreeMap<>(RepoState.capture(dir).refs());
            after.keySet().removeIf(r -> r.startsWith("refs/remotes/") || r.startsWith("refs/remote-tags/"));
            Map<String, String> local = new java.util.TreeMap<>(before);
            local.keySet().removeIf(r -> r.startsWith("refs/remotes/") || r.startsWith("refs/remote-tags/"));
            assertEquals(local, after, "nothing changed locally");
        }
    }

    @Test
    void divergedStageChangesAreRefusedThenReplayedOnTopAndSigned() throws Exception {
        try (Registry alice = site("alice"); Registry bob = site("bob")) {
            alice.promote("fraud@v1", "staging").reason("alice validates v1").call();
            alice.push("origin").call();
            bob.promote("fraud@v2", "staging").reason("bob validates v2").call();

            Map<String, String> before = RepoState.capture(tmp.resolve("bob")).refs();
            TransportException refused = assertThrows(TransportException.class, () -> bob.pull("origin").call());
            assertTrue(refused.getMessage().contains("git-model pull --replay origin"), refused.getMessage());
            Map<String, String> after = new java.util.TreeMap<>(RepoState.capture(tmp.resolve("bob")).refs());
            after.keySet().removeIf(r -> r.startsWith("refs/remotes/") || r.startsWith("refs/remote-tags/"));
            Map<String, String> local = new java.util.TreeMap<>(before);
            local.keySet().removeIf(r -> r.startsWith("refs/remotes/") || r.startsWith("refs/remote-tags/"));
            assertEquals(local, after, "the refused pull changed nothing");

            TransferResult pulled = bob.pull("origin").replayStageChanges(true).call();
            assertEquals(1, pulled.replayed().size(), pulled.toString());
            assertTrue(pulled.replayed().get(0).startsWith("promote fraud@v2 to staging"), pulled.replayed().toString());
            assertEquals("fraud@v2", bob.resolve("fraud@staging").ref().toString());
            List<ModelEvent> history = bob.history("fraud");
            List<String> reasons = history.stream().filter(e -> String.valueOf(e.stage()).equals("staging")).map(ModelEvent::reason).toList();
            assertTrue(reasons.indexOf("alice validates v1") >= 0 && reasons.indexOf("bob validates v2") >= 0, reasons.toString());
            ModelEvent replayed = history.stream().filter(e -> e.reason().equals("bob validates v2")).findFirst().orElseThrow();
            assertEquals(SignatureCheck.Status.GOOD, replayed.signature().status(), replayed.signature().toString());
            assertTrue(replayed.signature().allowed());
            env.git().git(tmp.resolve("bob"), "verify-commit", replayed.commit()).ok();
            assertTrue(RepoState.capture(tmp.resolve("bob")).refs().keySet().stream()
                    .anyMatch(r -> r.matches("refs/git-model/replaced/\\d{8}T\\d{6}Z/stages/staging")), "bob's old staging history is kept");

            bob.push("origin").call();
        }
        try (Registry remote = Registry.open(hub, env.config())) {
            assertEquals("fraud@v2", remote.resolve("fraud@staging").ref().toString());
        }
        RegistryAssertions.assertConsistent(env, hub);
    }

    @Test
    void anOfflineRegistrationAndItsPromotionAreRenumberedTogether() throws Exception {
        try (Registry alice = site("alice"); Registry bob = site("bob")) {
            bob.register("fraud").artifact(model).description("bob's v3").call();
            bob.promote("fraud@v3", "staging").reason("bob's candidate").call();
            alice.register("fraud").artifact(model).description("alice's v3").call();
            alice.push("origin").call();

            TransportException refused = assertThrows(TransportException.class, () -> bob.pull("origin").call());
            assertTrue(refused.getMessage().contains("--replay"), refused.getMessage());
            assertEquals("bob's v3", bob.resolve("fraud@v3").description(), "nothing changed");

            TransferResult pulled = bob.pull("origin").replayStageChanges(true).call();
            assertEquals(List.of("fraud@v3 -> fraud@v4"), pulled.renumbered().stream().map(Object::toString).toList());
            assertEquals(1, pulled.replayed().size());
            ModelVersion staged = bob.resolve("fraud@staging");
            assertEquals(4, staged.version(), "the promotion follows its version to the new number");
            assertEquals("bob's v3", staged.description());
            assertEquals("alice's v3", bob.resolve("fraud@v3").description());
            bob.push("origin").call();
        }
        RegistryAssertions.assertConsistent(env, hub);
    }

    @Test
    void aChangeThatNoLongerAppliesStopsTheReplayAndKeepsTheOldHistory() throws Exception {
        try (Registry alice = site("alice"); Registry bob = site("bob")) {
            alice.archive("fraud@v1").reason("v1 leaked test data").call();
            alice.push("origin").call();
            bob.promote("fraud@v1", "staging").reason("bob validates v1").call();
            String bobsStaging = RepoState.capture(tmp.resolve("bob")).refs().get("refs/heads/stages/staging");

            TransportException stopped = assertThrows(TransportException.class,
                    () -> bob.pull("origin").replayStageChanges(true).call());
            assertTrue(stopped.getMessage().contains("no longer applies") && stopped.getMessage().contains("archived"),
                    stopped.getMessage());
            java.util.regex.Matcher kept = java.util.regex.Pattern.compile("refs/git-model/replaced/[0-9TZ-]+/stages/staging")
                    .matcher(stopped.getMessage());
            assertTrue(kept.find(), stopped.getMessage());
            assertEquals(bobsStaging, RepoState.capture(tmp.resolve("bob")).refs().get(kept.group()));
            assertTrue(bob.history("fraud").stream().anyMatch(e -> e.action() == EventAction.ARCHIVE), "the pull itself took effect");
        }
        RegistryAssertions.assertConsistent(env, tmp.resolve("bob"));
    }

    @Test
    void aChangeBothSitesMadeIsNotMadeTwice() throws Exception {
        try (Registry alice = site("alice"); Registry bob = site("bob")) {
            alice.promote("fraud@v2", "staging").reason("alice").call();
            alice.push("origin").call();
            bob.promote("fraud@v2", "staging").reason("bob").call();
            TransferResult pulled = bob.pull("origin").replayStageChanges(true).call();
            assertEquals(List.of(), pulled.replayed());
            assertEquals("fraud@v2", bob.resolve("fraud@staging").ref().toString());
            assertEquals(1, bob.history("fraud").stream().filter(e -> String.valueOf(e.stage()).equals("staging")).count());
        }
    }

    @Test
    void localStageChangesNeedNoReplayWhenTheRemoteOnlyRegisteredOtherModels() throws Exception {
        try (Registry alice = site("alice"); Registry bob = site("bob")) {
            bob.register("fraud").artifact(model).call();
            bob.promote("fraud@v3", "staging").reason("bob's candidate").call();
            alice.register("churn").artifact(model).call();
            alice.push("origin").call();

            TransferResult pulled = bob.pull("origin").call();
            assertEquals(List.of(), pulled.renumbered().stream().map(Object::toString).toList(), "fraud@v3 keeps its number");
            assertEquals(3, bob.resolve("fraud@staging").version());
            assertEquals(1, bob.versions("churn").size());
            bob.push("origin").call();
        }
        try (Registry remote = Registry.open(hub, env.config())) {
            assertEquals(3, remote.resolve("fraud@staging").version());
        }
        RegistryAssertions.assertConsistent(env, hub);
    }

    @Test
    void offlineRegistrationsAreRenumberedWhileStageBranchesExist() throws Exception {
        try (Registry alice = site("alice"); Registry bob = site("bob")) {
            alice.promote("fraud@v1", "staging").reason("v1 validated").call();
            alice.push("origin").call();
            bob.pull("origin").call();
            alice.register("fraud").artifact(model).description("alice's v3").call();
            alice.push("origin").call();
            bob.register("fraud").artifact(model).description("bob's v3").call();

            TransferResult pulled = bob.pull("origin").call();
            assertEquals(List.of("fraud@v3 -> fraud@v4"), pulled.renumbered().stream().map(Object::toString).toList());
            assertEquals("bob's v3", bob.resolve("fraud@v4").description());
            assertEquals("fraud@v1", bob.resolve("fraud@staging").ref().toString());
            bob.push("origin").call();
        }
        RegistryAssertions.assertConsistent(env, hub);
    }
}
