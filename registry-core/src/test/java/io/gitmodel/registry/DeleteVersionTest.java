package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.ModelNotFoundException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IsolatedGit
class DeleteVersionTest {
    Path tmp;
    TestEnv env;
    Path dir;
    Path artifact;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        dir = tmp.resolve("reg");
        artifact = Files.writeString(tmp.resolve("m.bin"), "w");
        try (Registry r = Registry.init(dir).bare(true).signed(false).config(env.config()).call()) {
            r.register("fraud").artifact(artifact).call();
            r.register("fraud").artifact(artifact).call();
        }
    }

    @Test
    void anUnstagedUnpublishedVersionCanBeDeletedAndItsNumberIsNotReused() throws Exception {
        try (Registry r = Registry.open(dir, env.config())) {
            assertEquals("fraud@v2", r.delete("fraud@v2").call().toString());
            assertThrows(VersionNotFoundException.class, () -> r.resolve("fraud@v2"));
            assertEquals("fraud@v1", r.resolve("fraud@latest").ref().toString());
            assertEquals(3, r.register("fraud").artifact(artifact).call().version(), "v2 is never handed out again");
        }
        env.git().git(dir, "fsck", "--strict").ok();
    }

    @Test
    void deletingAModelsOnlyVersionsLeavesTheRestOfTheRegistryReadable() throws Exception {
        try (Registry r = Registry.open(dir, env.config())) {
            r.register("churn").artifact(artifact).call();
            r.delete("fraud@v2").call();
            r.delete("fraud@v1").call();
            assertEquals(java.util.List.of(ModelName.of("churn")), r.models());
            assertEquals(1, r.history("churn").size());
            ModelNotFoundException none = assertThrows(ModelNotFoundException.class, () -> r.versions("fraud"));
            assertTrue(none.getMessage().contains("model fraud has no versions: its versions up to v2 were deleted")
                    && none.getMessage().contains("the next is v3"), none.getMessage());
            assertThrows(ModelNotFoundException.class, () -> r.resolve("fraud@latest"));
            assertEquals(3, r.register("fraud").artifact(artifact).call().version());
        }
    }

    @Test
    void aVersionThatWasEverStagedIsNeverDeleted() throws Exception {
        try (Registry r = Registry.open(dir, env.config())) {
            r.promote("fraud@v1", "staging").reason("eval").call();
            r.promote("fraud@v2", "staging").reason("eval").call();
            StageRuleViolationException e = assertThrows(StageRuleViolationException.class, () -> r.delete("fraud@v1").call());
            assertEquals("staging", e.stage());
            assertTrue(e.getMessage().contains("archive"), e.getMessage());
            assertEquals("fraud@v1", r.resolve("fraud@v1").ref().toString());
        }
    }

    @Test
    void aPublishedVersionIsNeverDeleted() throws Exception {
        Path remote = tmp.resolve("remote.git");
        env.git().git(tmp, "init", "-q", "--bare", remote.toString()).ok();
        env.git().git(dir, "remote", "add", "origin", remote.toString()).ok();
        env.git().git(dir, "push", "-q", "origin", "main").ok();
        env.git().git(dir, "fetch", "-q", "origin").ok();
        try (Registry r = Registry.open(dir, env.config())) {
            StageRuleViolationException e = assertThrows(StageRuleViolationException.class, () -> r.delete("fraud@v2").call());
            assertTrue(e.getMessage().contains("published"), e.getMessage());
            assertEquals("fraud@v2", r.resolve("fraud@v2").ref().toString());
        }
    }

    @Test
    void theRegistryBranchNoLongerDescribesADeletedVersion() throws Exception {
        String v1Yaml = env.git().git(dir, "show", "fraud@v1:models/fraud/model.yaml").ok().stdout();
        try (Registry r = Registry.open(dir, env.config())) {
            r.delete("fraud@v2").call();
        }
        assertEquals(v1Yaml, env.git().git(dir, "show", "main:models/fraud/model.yaml").ok().stdout(),
                "the branch describes the newest version left, exactly as it was registered");
        String deleted = env.git().git(dir, "show", "main:deleted.yaml").ok().stdout();
        assertTrue(deleted.contains("ref: fraud@v2") && deleted.contains("commit: "), deleted);
        String log = env.git().git(dir, "log", "-1", "--format=%s%n%b", "main").ok().stdout();
        assertTrue(log.startsWith("Delete fraud@v2\n") && log.contains("Deleted-Version: 2"), log);
        env.git().git(dir, "fsck", "--strict").ok();
        try (Registry r = Registry.open(dir, env.config())) {
            assertEquals(java.util.List.of(), r.verify().call().findings());
            r.delete("fraud@v1").call();
            assertEquals("", env.git().git(dir, "ls-tree", "main", "models/fraud").ok().stdout(),
                    "no version left: no directory describes one");
            assertEquals(java.util.List.of(), r.models());
            assertEquals(java.util.List.of(), r.verify().call().findings());
            assertEquals(3, r.register("fraud").artifact(artifact).call().version(), "deleted.yaml keeps the numbers given out");
        }
    }

    @Test
    void deletingAnOlderVersionLeavesTheNewestDescribed() throws Exception {
        String before = env.git().git(dir, "show", "main:models/fraud/model.yaml").ok().stdout();
        try (Registry r = Registry.open(dir, env.config())) {
            r.delete("fraud@v1").call();
            assertEquals(java.util.List.of(2), r.versions("fraud").stream().map(ModelVersion::version).toList());
        }
        assertEquals(before, env.git().git(dir, "show", "main:models/fraud/model.yaml").ok().stdout());
    }

    @Test
    void aCheckedOutRegistryFollowsTheDelete() throws Exception {
        Path work = tmp.resolve("work");
        try (Registry r = Registry.init(work).signed(false).config(env.config()).call()) {
            r.register("fraud").artifact(artifact).call();
            r.register("fraud").artifact(artifact).call();
            r.delete("fraud@v2").call();
        }
        assertTrue(Files.readString(work.resolve("models/fraud/model.yaml")).contains("version: 1\n"));
        assertTrue(Files.exists(work.resolve("deleted.yaml")));
        assertEquals("", env.git().git(work, "status", "--porcelain").ok().stdout());
    }

    @Test
    void aTagMadeAgainForADeletedVersionIsFoundByVerify() throws Exception {
        String commit;
        try (Registry r = Registry.open(dir, env.config())) {
            commit = r.resolve("fraud@v2").commit();
            r.delete("fraud@v2").call();
        }
        env.git().git(dir, "tag", "-a", "-m", "again", "fraud@v2", commit).ok();
        try (Registry r = Registry.open(dir, env.config())) {
            java.util.List<Finding> findings = r.verify().call().findings();
            assertTrue(findings.stream().anyMatch(f -> f.message().contains("records it as deleted")), findings.toString());
        }
    }

    @Test
    void aVersionDeletedBeforeAPullIsNotBroughtBackByTheRenumbering() throws Exception {
        Path shared = tmp.resolve("shared.git");
        env.git().git(tmp, "clone", "-q", "--bare", dir.toString(), shared.toString()).ok();
        try (Registry r = Registry.open(shared, env.config())) {
            r.register("fraud").artifact(artifact).call(); // the remote's v3
        }
        try (Registry r = Registry.open(dir, env.config())) {
            r.addRemote("origin", shared.toString());
            r.register("fraud").artifact(artifact).call(); // local v3
            r.register("fraud").artifact(artifact).call(); // local v4, then deleted
            r.delete("fraud@v4").call();
            TransferResult pulled = r.pull("origin").call();
            assertEquals(java.util.List.of(new Renumbering(ModelName.of("fraud"), 3, 4)), pulled.renumbered());
            assertEquals(java.util.List.of(1, 2, 3, 4), r.versions("fraud").stream().map(ModelVersion::version).toList());
            assertEquals(java.util.List.of(), r.verify().call().findings());
            r.push("origin").call();
        }
        assertEquals(128, env.git().git(shared, "show", "main:deleted.yaml").exitCode(), "a local deletion stays local");
        env.git().git(shared, "fsck", "--strict").ok();
    }
}
