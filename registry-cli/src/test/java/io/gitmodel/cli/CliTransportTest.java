package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.randomBytes;
import static io.gitmodel.cli.CliTestSupport.read;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.HttpRegistryServer;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code clone}, {@code remote}, {@code push}, {@code pull}, {@code fetch} as a team uses them. */
@IsolatedGit
class CliTransportTest {
    @Test
    void twoClonesShareARegistryThroughAFileRemote(TestEnv env) throws Exception {
        Cli cli = new Cli(env);
        cli.init("hub.git", "--bare", "--unsigned");
        byte[] bytes = randomBytes(1, 40_000);
        Path model = write(cli.work.resolve("model.bin"), bytes);

        cli.run("clone", "hub.git", "alice").ok();
        cli.run("clone", "--bare", cli.work.resolve("hub.git").toUri().toString(), "bob.git").ok();
        Path alice = cli.work.resolve("alice");
        Path bob = cli.work.resolve("bob.git");
        assertEquals("fraud@v1", cli.register(alice, "fraud", "--artifact", model.toString(), "--no-source"));

        // a pre-push hook (git-lfs installs one) runs, but its output stays out of push's stdout
        Path hook = alice.resolve(".git/hooks/pre-push");
        Files.createDirectories(hook.getParent());
        Path ran = cli.work.resolve("hook-ran");
        Files.writeString(hook, "#!/bin/sh\necho HOOK RAN\necho HOOK WARNING >&2\ntouch '" + ran + "'\nexit 0\n");
        assertTrue(hook.toFile().setExecutable(true));
        java.io.ByteArrayOutputStream processOutput = new java.io.ByteArrayOutputStream();
        java.io.PrintStream realOut = System.out;
        java.io.PrintStream realErr = System.err;
        Result push;
        try {
            System.setOut(new java.io.PrintStream(processOutput, true));
            System.setErr(new java.io.PrintStream(processOutput, true));
            push = cli.run("-C", alice.toString(), "push").ok();
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        assertTrue(Files.exists(ran), "the hook ran");
        assertFalse(processOutput.toString().contains("HOOK"), "hook output reached the terminal: " + processOutput);
        assertTrue(push.outLines().contains("refs/tags/fraud@v1"), push.toString());
        assertEquals(List.of("refs/heads/main", "refs/tags/fraud@v1"), push.outLines(), "stdout holds the refs only");
        assertFalse(push.err().contains("HOOK"), push.toString());
        assertTrue(push.err().contains("Pushed to origin: 1 new version (fraud@v1), 1 artifact object ("), push.toString());
        assertTrue(cli.run("-q", "-C", alice.toString(), "push").ok().err().isEmpty(), "quiet and nothing to do");

        cli.run("-C", bob.toString(), "pull").ok();
        assertEquals("fraud@v1", cli.resolve(bob, "fraud@latest"));
        cli.run("-C", bob.toString(), "get", "fraud@v1", "-o", cli.work.resolve("out").toString()).ok();
        assertArrayEquals(bytes, read(cli.work.resolve("out/model.bin")));

        // both register offline; bob pulls after alice pushed and gets renumbered
        cli.register(alice, "fraud", "--artifact", model.toString(), "--no-source", "--description", "alice");
        cli.register(bob, "fraud", "--artifact", model.toString(), "--no-source", "--description", "bob");
        cli.run("-C", alice.toString(), "push").ok();
        Result refused = cli.run("-C", bob.toString(), "push").failsWithError();
        assertTrue(refused.err().contains("git-model pull origin"), refused.toString());
        Result pulled = cli.run("-C", bob.toString(), "pull").ok();
        assertEquals(List.of("renumbered fraud@v2 -> fraud@v3"), pulled.outLines());
        cli.run("-C", bob.toString(), "push").ok();
        assertEquals("fraud@v3", cli.resolve(cli.work.resolve("hub.git"), "fraud@latest"));
    }

    @Test
    void stageChangesMadeOnBothSidesAreReplayedOnRequest(TestEnv env) {
        Cli cli = new Cli(env);
        cli.init("hub.git", "--bare", "--unsigned");
        Path model = write(cli.work.resolve("model.bin"), "weights");
        cli.run("clone", "hub.git", "alice").ok();
        Path alice = cli.work.resolve("alice");
        cli.register(alice, "fraud", "--artifact", model.toString(), "--no-source");
        cli.register(alice, "fraud", "--artifact", model.toString(), "--no-source");
        cli.run("-C", alice.toString(), "push").ok();
        cli.run("clone", "hub.git", "bob").ok();
        Path bob = cli.work.resolve("bob");

        cli.run("-C", alice.toString(), "promote", "fraud@v1", "staging", "-m", "alice: v1").ok();
        cli.run("-C", alice.toString(), "push").ok();
        cli.run("-C", bob.toString(), "promote", "fraud@v2", "staging", "-m", "bob: v2").ok();

        Result refused = cli.run("-C", bob.toString(), "pull").failsWithError();
        assertTrue(refused.err().contains("git-model pull --replay origin"), refused.toString());
        assertEquals("fraud@v2", cli.resolve(bob, "fraud@staging"), "nothing changed");

        Result replayed = cli.run("-C", bob.toString(), "pull", "--replay").ok();
        assertEquals(1, replayed.outLines().size(), replayed.toString());
        assertTrue(replayed.out().startsWith("replayed promote fraud@v2 to staging ("), replayed.toString());
        cli.run("-C", bob.toString(), "push").ok();
        Result log = cli.run("-C", cli.work.resolve("hub.git").toString(), "log", "--stage", "staging").ok();
        assertTrue(log.out().indexOf("alice: v1") >= 0 && log.out().indexOf("bob: v2") >= 0, log.toString());
        assertEquals("fraud@v2", cli.resolve(cli.work.resolve("hub.git"), "fraud@staging"));
    }

    @Test
    void remotesAreAddedListedAndRemoved(TestEnv env) {
        Cli cli = new Cli(env);
        Path site = cli.init("site", "--unsigned");
        cli.init("backup.git", "--bare", "--unsigned");
        cli.run("-C", site.toString(), "remote", "add", "backup", cli.work.resolve("backup.git").toString()).ok();
        cli.run("-C", site.toString(), "remote", "add", "hub", "https://ada:t0psecret@models.example.com/hub.git").ok();
        Result list = cli.run("-C", site.toString(), "remote", "list").ok();
        assertEquals(List.of("backup\t" + cli.work.resolve("backup.git"), "hub\thttps://models.example.com/hub.git"),
                list.outLines());
        assertFalse(list.out().contains("t0psecret"), "passwords are never shown");
        Result duplicate = cli.run("-C", site.toString(), "remote", "add", "backup", "/elsewhere").failsWithError();
        assertTrue(duplicate.err().contains("already exists"), duplicate.toString());
        cli.run("-C", site.toString(), "remote", "remove", "hub").ok();
        assertEquals(1, cli.run("-C", site.toString(), "remote", "list").ok().outLines().size());
        Result unknown = cli.run("-C", site.toString(), "push", "nowhere").failsWithError();
        assertTrue(unknown.err().contains("git-model remote add nowhere"), unknown.toString());
        cli.run("-C", site.toString(), "remote").failsWithUsage();
        Result spaced = cli.run("-C", site.toString(), "remote", "add", "spaced", "http://bob:hun ter@h.example/x.git")
                .failsWithUsage();
        assertTrue(spaced.err().contains("percent-encode") && !spaced.err().contains("hun ter"), spaced.toString());
        for (String unsupported : List.of("ftp://models.example.com/hub.git", "git@github.com:acme/models.git",
                "ssh://git@github.com/acme/models.git", "", "http:///no-host")) {
            Result refused = cli.run("-C", site.toString(), "remote", "add", "other", unsupported).failsWithUsage();
            assertTrue(refused.err().contains("other"), refused.toString());
        }
        assertTrue(cli.run("clone", "git@github.com:acme/models.git", "x").failsWithUsage().err().contains("HTTPS URL"));
        assertFalse(Files.exists(cli.work.resolve("x")));
        assertEquals(1, cli.run("-C", site.toString(), "remote", "list").ok().outLines().size(), "nothing was added");
    }

    @Test
    void aLocalRegistryIsPublishedToAnEmptyRepositoryButNotOverSomeoneElsesCode(TestEnv env) throws Exception {
        Cli cli = new Cli(env);
        Path site = cli.init("site", "--unsigned");
        cli.register(site, "fraud", "--artifact", write(cli.work.resolve("m.bin"), "m").toString(), "--no-source");
        io.gitmodel.registry.testing.GitCli git = env.git();
        git.git(cli.work, "init", "--bare", "-q", "empty.git").ok();
        cli.run("-C", site.toString(), "remote", "add", "origin", "empty.git").ok();
        Result push = cli.run("-C", site.toString(), "push").ok();
        assertTrue(push.outLines().contains("refs/tags/fraud@v1"), push.toString());
        assertEquals("fraud@v1", cli.resolve(cli.work.resolve("empty.git"), "fraud@latest"));

        // a repository of source code that happens to have a main branch
        git.git(cli.work, "init", "-q", "-b", "main", "code").ok();
        git.git(cli.work.resolve("code"), "-c", "user.name=A", "-c", "user.email=a@b.c", "commit", "-q", "--allow-empty",
                "-m", "code").ok();
        git.git(cli.work, "clone", "-q", "--bare", "code", "code.git").ok();
        cli.run("-C", site.toString(), "remote", "add", "code", "code.git").ok();
        Result refused = cli.run("-C", site.toString(), "push", "code").failsWithError();
        assertTrue(refused.err().contains("not a git-model registry"), refused.toString());
        Result pull = cli.run("-C", site.toString(), "pull", "code").failsWithError();
        assertTrue(pull.err().contains("is not a git-model registry"), pull.toString());
    }

    @Test
    void aServingHostClonesMetadataOnlyAndFetchesArtifactsOnDemand(TestEnv env) {
        Cli cli = new Cli(env);
        cli.init("hub.git", "--bare", "--unsigned");
        byte[] bytes = randomBytes(2, 10_000);
        Path model = write(cli.work.resolve("model.bin"), bytes);
        cli.run("clone", "hub.git", "trainer").ok();
        Path trainer = cli.work.resolve("trainer");
        cli.register(trainer, "fraud", "--artifact", model.toString(), "--no-source");
        cli.run("-C", trainer.toString(), "push").ok();

        Result clone = cli.run("clone", "--bare", "--metadata-only", "hub.git", "serving.git").ok();
        assertTrue(clone.err().contains("(metadata only)"), clone.toString());
        Path serving = cli.work.resolve("serving.git");
        assertFalse(Files.exists(serving.resolve("lfs/objects")) && hasFiles(serving.resolve("lfs/objects")), "no bytes yet");
        cli.run("-C", serving.toString(), "get", "fraud@latest", "-o", cli.work.resolve("served").toString()).ok();
        assertArrayEquals(bytes, read(cli.work.resolve("served/model.bin")));

        // fetch moves nothing local
        cli.register(trainer, "fraud", "--artifact", model.toString(), "--no-source");
        cli.run("-C", trainer.toString(), "push").ok();
        cli.run("-C", serving.toString(), "fetch", "--metadata-only").ok();
        assertEquals("fraud@v1", cli.resolve(serving, "fraud@latest"));
        cli.run("-C", serving.toString(), "pull").ok();
        assertEquals("fraud@v2", cli.resolve(serving, "fraud@latest"));
        assertEquals(1, countFiles(serving.resolve("lfs/objects")), "a metadata-only clone's pulls stay metadata-only");
        cli.run("-C", serving.toString(), "pull", "--metadata-only", "--artifacts").failsWithUsage();
        cli.register(trainer, "fraud", "--artifact", write(cli.work.resolve("other.bin"), "other").toString(), "--no-source");
        cli.run("-C", trainer.toString(), "push").ok();
        cli.run("-C", serving.toString(), "pull", "--artifacts").ok();
        assertEquals(2, countFiles(serving.resolve("lfs/objects")), "--artifacts fetches every version's bytes");
    }

    @Test
    void httpRemoteWithCredentialsNeverShowsThePassword(TestEnv env) throws Exception {
        Cli cli = new Cli(env);
        byte[] bytes = randomBytes(3, 50_000);
        Path model = write(cli.work.resolve("model.bin"), bytes);
        try (HttpRegistryServer server = HttpRegistryServer.builder(env.dir().resolve("srv")).basicAuth("ada", "pa55word").start()) {
            cli.run("init", "--bare", "--unsigned", server.repositoryDirectory("hub").toString()).ok();
            String secretUrl = server.authenticatedUrl("hub");

            Result anonymous = cli.run("clone", server.url("hub"), "anonymous").failsWithError();
            assertTrue(anonymous.err().contains("credentials") || anonymous.err().contains("401")
                    || anonymous.err().toLowerCase().contains("auth"), anonymous.toString());

            Result wrong = cli.run("clone", server.url("hub").replace("http://", "http://ada:nope-nope@"), "wrong")
                    .failsWithError();
            assertFalse(wrong.err().contains("nope-nope"), wrong.toString());

            Result clone = cli.run("clone", secretUrl, "site").ok();
            Path site = cli.work.resolve("site");
            cli.register(site, "fraud", "--artifact", model.toString(), "--no-source");
            Result push = cli.run("-C", site.toString(), "push").ok();
            Result list = cli.run("-C", site.toString(), "remote", "list").ok();
            for (Result r : List.of(clone, push, list)) {
                assertFalse(r.out().contains("pa55word") || r.err().contains("pa55word"), "password shown:\n" + r);
            }
            assertEquals(List.of("origin\t" + server.url("hub")), list.outLines());

            // a reader with a token in the environment
            Map<String, String> withToken = new HashMap<>(cli.env);
            withToken.put("GIT_MODEL_TOKEN", "pa55word");
            cli.runWith(withToken, cli.work, "clone", "--bare", server.url("hub").replace("http://", "http://ada@"), "reader.git")
                    .ok();
            cli.run("-C", cli.work.resolve("reader.git").toString(), "get", "fraud@v1", "-o",
                    cli.work.resolve("out").toString()).ok();
            assertArrayEquals(bytes, read(cli.work.resolve("out/model.bin")));
        }
    }

    private static long countFiles(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean hasFiles(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
