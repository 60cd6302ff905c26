package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A registry made with {@code init} and a shared one made separately ({@code init --bare}) have
 * unrelated histories. Pulling adopts the remote's history, as {@code git pull} into a new
 * repository does: a fresh registry simply takes it; one with its own registrations has them
 * renumbered on top, and can push them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@IsolatedGit
class PullIntoNewRegistryTest {
    @Test
    void aFreshRegistryAdoptsTheRemotesHistory(TestEnv env) throws Exception {
        Path artifact = Files.writeString(env.dir().resolve("m.bin"), "weights");
        try (Registry shared = Registry.init(env.dir().resolve("shared.git")).bare(true).signed(false).config(env.config()).call()) {
            shared.register("fraud").artifact(artifact).call();
        }
        try (Registry mine = Registry.init(env.dir().resolve("mine")).signed(false).config(env.config()).call()) {
            mine.addRemote("origin", env.dir().resolve("shared.git").toString());
            mine.pull("origin").call();
            assertEquals(List.of(ModelName.of("fraud")), mine.models());
            assertEquals(1, mine.resolve("fraud@latest").version());
            assertEquals(new GitCli(env.env()).git(env.dir().resolve("shared.git"), "rev-parse", "main").ok().stdout(),
                    new GitCli(env.env()).git(env.dir().resolve("mine"), "rev-parse", "main").ok().stdout(),
                    "the registry branch is the remote's");
            assertEquals("", new GitCli(env.env()).git(env.dir().resolve("mine"), "status", "--porcelain").ok().stdout(),
                    "the working tree follows");
        }
    }

    @Test
    void aRegistryWithItsOwnVersionsJoinsARemoteMadeSeparately(TestEnv env) throws Exception {
        Path artifact = Files.writeString(env.dir().resolve("m.bin"), "weights");
        Path sharedDir = env.dir().resolve("shared.git");
        try (Registry shared = Registry.init(sharedDir).bare(true).signed(false).config(env.config()).call()) {
            shared.register("fraud").artifact(artifact).call();
        }
        try (Registry mine = Registry.init(env.dir().resolve("mine")).signed(false).config(env.config()).call()) {
            mine.register("churn").artifact(artifact).call();
            mine.register("fraud").artifact(artifact).call();
            mine.addRemote("origin", sharedDir.toString());
            TransferResult pulled = mine.pull("origin").call();
            assertEquals(List.of(new Renumbering(ModelName.of("fraud"), 1, 2)), pulled.renumbered());
            assertEquals(1, mine.resolve("churn@latest").version());
            assertEquals(2, mine.resolve("fraud@latest").version());
            mine.push("origin").call();
        }
        try (Registry shared = Registry.open(sharedDir, env.config())) {
            assertEquals(List.of(1, 2), shared.versions("fraud").stream().map(ModelVersion::version).toList());
            assertEquals(1, shared.versions("churn").size());
        }
        assertEquals(0, new GitCli(env.env()).git(sharedDir, "fsck", "--strict").exitCode());
    }

    @Test
    void aLocalPolicyChangeTheRemoteLacksIsNotDroppedSilently(TestEnv env) throws Exception {
        Path sharedDir = env.dir().resolve("shared.git");
        Registry.init(sharedDir).bare(true).signed(false).config(env.config()).call().close();
        try (Registry mine = Registry.init(env.dir().resolve("mine")).signed(false).config(env.config()).call()) {
            String yaml = mine.policyText().replace("approvals: 0", "approvals: 1");
            mine.setPolicy(yaml).reason("stricter").call();
            mine.addRemote("origin", sharedDir.toString());
            io.gitmodel.registry.errors.TransportException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    io.gitmodel.registry.errors.TransportException.class, () -> mine.pull("origin").call());
            assertTrue(refused.getMessage().contains("is not a registration") && refused.getMessage().contains("nothing was changed"),
                    refused.getMessage());
            assertTrue(mine.policyText().contains("approvals: 1"));
        }
    }
}
