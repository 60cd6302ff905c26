package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code examples/team-flow.sh} as a user would, with the real launcher, git and ssh-keygen:
 * a shared registry guarded by its hook, three people with their own keys and clones, two
 * promotions through request, approval and merge, a serving host that follows them, a rollback.
 */
@IsolatedGit
class TeamFlowIT {
    @Test
    void theTeamFlowRunsFromRegistrationToRollback(TestEnv env) throws Exception {
        Path launcher = LauncherSupport.launcher();
        assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
        Path script = launcher.getParent().getParent().resolve("examples/team-flow.sh");
        Path work = env.dir().resolve("flow");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), work.toString()).directory(env.dir().toFile());
        pb.environment().putAll(env.env());
        pb.environment().remove("GIT_MODEL_REGISTRY");
        Path out = env.dir().resolve("flow.log");
        pb.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("team-flow.sh timed out:\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("merged requests/production/fraud@v2: promoted fraud@v2 to production (was fraud@v1); approved by"
                + " bo@example.com"), log);
        assertTrue(log.contains("No violations of registry.yaml"), log);

        // what git itself says of the shared repository: two reviewed changes of production, then a rollback, signed by dan
        Path shared = work.resolve("shared.git");
        GitCli git = env.git();
        git.git(shared, "fsck", "--strict").ok();
        List<String> merges = git.git(shared, "log", "--first-parent", "--merges", "--format=%s", "stages/production").ok()
                .stdout().lines().toList();
        assertEquals(2, merges.size(), merges.toString());
        assertEquals("rollback fraud@v1 to production", git.git(shared, "log", "-1", "--format=%s", "stages/production").ok()
                .stdout().strip());
        git.git(work.resolve("dan"), "verify-commit", "stages/production").ok();
        assertTrue(git.git(shared, "show", "stages/production:fraud.yaml").ok().stdout().lines().anyMatch("version: 1"::equals),
                "production holds v1 again");
    }
}
