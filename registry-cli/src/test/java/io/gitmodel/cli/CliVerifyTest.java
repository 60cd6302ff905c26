package io.gitmodel.cli;

import static io.gitmodel.cli.CliLifecycleSupport.configureSigning;
import static io.gitmodel.cli.CliLifecycleSupport.git;
import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.CliLifecycleSupport.Git;
import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code verify} and {@code install-hook} as a user runs them: a clean registry verifies (exit 0), a
 * stage change made by hand with the git CLI is reported (exit 1, one line per violation, --json),
 * and once the hook is installed the real {@code git push} of such a change is rejected with the
 * reason while the team's own push goes through.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@IsolatedGit
class CliVerifyTest {
    private Cli cli;
    private Path server;

    @BeforeEach
    void registry(TestEnv env) {
        assumeTrue(GitCli.hasGit() && TestEnv.hasSshKeygen(), "git and ssh-keygen are needed");
        cli = new Cli(env);
        configureSigning(cli);
        server = cli.init("server.git", "--bare");
        cli.register(server, "fraud", "--metric", "auc=0.93");
        cli.register(server, "fraud", "--metric", "auc=0.95");
        cli.run("-C", server.toString(), "promote", "fraud@v1", "staging", "-m", "eval").ok();
    }

    /** A clone where someone commits a stage change with the plain git CLI, unsigned. */
    private Path forgeUnsignedPromotion() throws Exception {
        Path clone = cli.work.resolve("clone");
        ok(git(cli, cli.work, "clone", "-q", server.toString(), clone.toString()));
        ok(git(cli, clone, "checkout", "-q", "-B", "stages/staging", "origin/stages/staging"));
        Files.writeString(clone.resolve("fraud.yaml"), "model: fraud\nstage: staging\nversion: 2\naction: promote\n"
                + "reason: by hand\nby: Mallory <m@example.com>\nat: '2026-03-14T12:00:00Z'\n");
        ok(git(cli, clone, "add", "fraud.yaml"));
        ok(git(cli, clone, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "promote fraud@v2 to staging\n\nby hand\n\n"
                + "Action: promote\nStage: staging\nModel: fraud\nVersion: 2\nPrevious-Version: 1\nReason: by hand\n"));
        return clone;
    }

    private static Git ok(Git g) {
        assertEquals(0, g.exit(), g::toString);
        return g;
    }

    @Test
    void aCleanRegistryVerifiesAndAHandMadeChangeIsReported() throws Exception {
        Result clean = cli.run("-C", server.toString(), "verify").ok();
        assertEquals("", clean.out());
        assertTrue(clean.err().startsWith("No violations of registry.yaml: checked 1 stage commit(s)"), clean.err());

        ok(git(cli, forgeUnsignedPromotion(), "push", "-q", "origin", "stages/staging"));
        Result found = cli.run("-C", server.toString(), "verify", "--no-artifacts");
        assertEquals(1, found.exit(), found::toString);
        List<String> lines = found.outLines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("refs/heads/stages/staging ") && l.contains(" [signed] ")
                && l.contains("is unsigned")), found.out());
        assertTrue(found.err().startsWith(lines.size() + " violation(s) of registry.yaml"), found.err());

        Result json = cli.run("-C", server.toString(), "verify", "--json");
        assertEquals(1, json.exit());
        Map<String, Object> doc = asMap(Json.parse(json.out()));
        assertEquals(false, doc.get("ok"));
        Map<String, Object> first = asMap(asList(doc.get("findings")).get(0));
        assertEquals(List.of("ref", "commit", "model", "version", "rule", "message"), List.copyOf(first.keySet()));
        assertEquals(3, asMap(doc.get("checked")).get("versions") instanceof Number n ? n.intValue() + 1 : -1);

        Result refused = cli.run("-C", server.toString(), "resolve", "fraud@staging");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("is not trusted") && refused.err().contains("--unverified"), refused.err());
        assertEquals("fraud@v2", cli.run("--unverified", "-C", server.toString(), "resolve", "fraud@staging").ok().out().strip());
    }

    @Test
    void theHookRejectsAForgedPushAndAcceptsTheTeamsOwn() throws Exception {
        Result installed = cli.run("install-hook", server.toString()).ok();
        Path hook = server.resolve("hooks").resolve("pre-receive");
        assertEquals(hook.toString(), installed.out().strip());
        assertTrue(Files.readString(hook).contains("'verify' '--pre-receive'"));
        assertEquals(1, cli.run("install-hook", server.toString()).exit() == 0 ? 1 : 0, "installing again replaces its own hook");

        Path clone = forgeUnsignedPromotion();
        Git rejected = git(cli, clone, "push", "origin", "stages/staging");
        assertNotEquals(0, rejected.exit(), rejected::toString);
        assertTrue(rejected.err().contains("remote: git-model: refs/heads/stages/staging"), rejected.err());
        assertTrue(rejected.err().contains("[signed]") && rejected.err().contains("pre-receive hook declined"), rejected.err());
        assertTrue(rejected.err().contains("git-model: push rejected: "), rejected.err());

        // the team's own work, pushed with git-model, goes through the hook
        Path mine = cli.work.resolve("mine");
        cli.run("clone", server.toString(), mine.toString()).ok();
        cli.run("-C", mine.toString(), "promote", "fraud@v2", "staging", "-m", "better").ok();
        cli.run("-C", mine.toString(), "push", "origin").ok();
        assertEquals("fraud@v2", cli.resolve(server, "fraud@staging"));
        cli.run("-C", server.toString(), "verify").ok();
    }

    @Test
    void aForeignHookIsNotReplacedWithoutForce() throws Exception {
        Path hook = Files.writeString(Files.createDirectories(server.resolve("hooks")).resolve("pre-receive"), "#!/bin/sh\nexit 0\n");
        cli.run("install-hook", server.toString()).failsWithError();
        assertEquals("#!/bin/sh\nexit 0\n", Files.readString(hook));
        cli.run("install-hook", "--force", server.toString()).ok();
        assertTrue(Files.readString(hook).contains("'verify' '--pre-receive'"));
    }
}
