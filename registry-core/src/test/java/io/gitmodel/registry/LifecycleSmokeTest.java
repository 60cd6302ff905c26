package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@IsolatedGit
class LifecycleSmokeTest {
    @Test
    void promoteRollbackAndHistoryWithSshSignatures(TestEnv env) throws Exception {
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
        Path tmp = env.dir();
        Path dir = tmp.resolve("reg");
        Path model = Files.writeString(tmp.resolve("m.bin"), "w");
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            r.register("fraud").artifact(model).metric("auc", 0.9).call();
            r.register("fraud").artifact(model).metric("auc", 0.95).call();
            assertThrows(SigningException.class, () -> r.promote("fraud@v1", "staging").reason("x").call());
        }
        env.configureSshSigning("id_ed25519");
        try (Registry r = Registry.open(dir, env.config())) {
            assertThrows(StageRuleViolationException.class, () -> r.promote("fraud@v1", "production").reason("skip").call());
            r.promote("fraud@v1", "staging").reason("eval ok").call();
            StageChange p1 = r.promote("fraud@v1", "production").reason("go live").call();
            assertEquals(SignatureCheck.Status.GOOD, p1.event().signature().status(), p1.event().signature().detail());
            r.promote("fraud@v2", "staging").reason("eval ok").call();
            r.promote("fraud@v2", "production").reason("better").call();
            assertEquals("fraud@v2", r.resolve("fraud@production").ref().toString());
            StageChange rb = r.rollback("fraud", "production").reason("latency").call();
            assertEquals(1, rb.event().version());
            assertEquals(2, rb.event().previousVersion());
            assertEquals("fraud@v1", r.resolve("fraud@production").ref().toString());
            List<ModelEvent> history = r.history("fraud");
            assertEquals(List.of("register", "register", "promote", "promote", "promote", "promote", "rollback"),
                    history.stream().map(e -> e.action().word()).toList());
            ModelEvent firstLive = history.stream().filter(e -> String.valueOf(e.stage()).equals("production")).findFirst().orElseThrow();
            assertEquals("fraud@v1", r.resolve("fraud@production~" + firstLive.at()).ref().toString());
            ModelEvent second = history.stream().filter(e -> String.valueOf(e.stage()).equals("production") && e.version() == 2).findFirst().orElseThrow();
            assertEquals("fraud@v2", r.resolve("fraud@production~" + second.at()).ref().toString());
            assertEquals("fraud@v1", r.resolve("fraud@production~" + second.at().minusSeconds(1)).ref().toString());
        }
        var git = env.git();
        var log = git.git(dir, "log", "--format=%H", "stages/production").ok().stdout().trim().split("\n");
        for (String c : log) {
            git.git(dir, "verify-commit", c).ok();
        }
        assertTrue(log.length == 3);
    }
}
