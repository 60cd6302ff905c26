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
}
