package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.HttpRegistryServer;
import io.gitmodel.registry.testing.HttpRegistryServer.Fault;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clone, push and pull over Git smart HTTP with the artifacts through the Git LFS batch API, against
 * an in-process Jetty + JGit GitServlet + JGit LFS server on 127.0.0.1, cross-checked with the real
 * git and git-lfs clients.
 */
@IsolatedGit
class HttpTransportTest {
    Path tmp;

    private TestEnv env;
    private HttpRegistryServer server;
    private byte[] modelBytes;
    private Path modelFile;

    @BeforeEach
    void start(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        server = new HttpRegistryServer(tmp.resolve("srv"));
        Registry.init(server.repositoryDirectory("hub")).bare(true).signed(false).config(env.config()).call().close();
        modelBytes = new byte[300_000];
        new Random(7).nextBytes(modelBytes);
        modelFile = Files.write(tmp.resolve("model.bin"), modelBytes);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Registry cloneHub(String dir, RegistryConfig config) throws Exception {
        return Registry.cloneFrom(server.url("hub"), tmp.resolve(dir)).bare(true).config(config).call();
    }

    private Registry cloneHub(String dir) throws Exception {
        return cloneHub(dir, env.config());
    }

    @Test
    void pushedArtifactsReachTheServerAndAnotherClone() throws Exception {
        ModelVersion v1;
        try (Registry site1 = cloneHub("site1")) {
            v1 = site1.register("fraud").artifact(modelFile).metric("auc", 0.91).call();
            TransferResult pushed = site1.push("origin").call();
            assertEquals(1, pushed.objects());
            assertEquals(modelBytes.length, pushed.bytes());
            assertTrue(pushed.refs().contains("refs/tags/fraud@v1"), pushed.toString());
        }
        String oid = RegistryAssertions.sha256(modelBytes);
        assertArrayEquals(modelBytes, Files.readAllBytes(server.lfsObject("hub", oid)), "the LFS server stores the bytes");

        try (Registry site2 = cloneHub("site2")) {
            ModelVersion read = site2.resolve("fraud@v1");
            assertEquals(v1.commit(), read.commit());
            try (InputStream in = site2.openArtifact(read, "model.bin")) {
                assertArrayEquals(modelBytes, in.readAllBytes());
            }
            assertTrue(Files.isRegularFile(tmp.resolve("site2/lfs/objects").resolve(oid.substring(0, 2))
                    .resolve(oid.substring(2, 4)).resolve(oid)), "clone downloaded the artifact");
        }
        RegistryAssertions.assertConsistent(env, server.repositoryDirectory("hub"));
        RegistryAssertions.assertConsistent(env, tmp.resolve("site2"));
    }

    @Test
    void realGitAndGitLfsCloneWhatGitModelPushed() throws Exception {
        assumeTrue(GitCli.hasGitLfs(), "git-lfs is not installed");
        try (Registry site = cloneHub("site")) {
            site.register("fraud").artifact(modelFile).call();
            site.push("origin").call();
        }
        GitCli git = env.git();
        git.git(tmp, "lfs", "install", "--skip-repo").ok();
        git.git(tmp, "clone", "--branch", "main", server.url("hub"), "checkout").ok();
        Path checkout = tmp.resolve("checkout");
        git.git(checkout, "lfs", "pull").ok();
        assertArrayEquals(modelBytes, Files.readAllBytes(checkout.resolve("models/fraud/artifacts/model.bin")));
        git.git(checkout, "lfs", "fsck").ok();
    }

    @Test
    void artifactsPushedWithTheRealGitLfsAreReadByGitModel() throws Exception {
        assumeTrue(GitCli.hasGitLfs(), "git-lfs is not installed");
        // a registration made here, with its bytes sent by git lfs push instead of git-model
        Path local = tmp.resolve("local");
        try (Registry registry = Registry.init(local).signed(false).config(env.config()).call()) {
            registry.register("fraud").artifact(modelFile).call();
        }
        server.createBareRepository("shared");
        GitCli git = env.git();
        git.git(tmp, "lfs", "install", "--skip-repo").ok();
        git.git(local, "remote", "add", "origin", server.url("shared")).ok();
        git.git(local, "lfs", "push", "--all", "origin", "main").ok();
        git.git(local, "push", "origin", "main", "fraud@v1").ok();
        assertTrue(Files.isRegularFile(server.lfsObject("shared", RegistryAssertions.sha256(modelBytes))));

        try (Registry serving = Registry.cloneFrom(server.url("shared"), tmp.resolve("serving")).bare(true).metadataOnly(true)
                .config(env.config()).call()) {
            ModelVersion v1 = serving.resolve("fraud@v1");
            try (InputStream in = serving.openArtifact(v1, "model.bin")) {
                assertArrayEquals(modelBytes, in.readAllBytes(), "fetched on demand over the batch API");
            }
        }
    }

    @Test
    void corruptTruncatedOrPaddedDownloadsAreRefusedAndNothingIsStored() throws Exception {
        try (Registry site1 = cloneHub("site1")) {
            site1.register("fraud").artifact(modelFile).call();
            site1.push("origin").call();
        }
        try (Registry site2 = Registry.cloneFrom(server.url("hub"), tmp.resolve("site2")).bare(true).metadataOnly(true)
                .config(env.config()).call()) {
            ModelVersion v1 = site2.resolve("fraud@v1");
            for (Fault fault : List.of(Fault.CORRUPT_DOWNLOAD, Fault.TRUNCATED_DOWNLOAD, Fault.PADDED_DOWNLOAD, Fault.FAIL_DOWNLOAD)) {
                server.injectFault(fault, 1);
                Exception e = assertThrows(Exception.class, () -> {
                    try (InputStream in = site2.openArtifact(v1, "model.bin")) {
                        in.readAllBytes();
                    }
                }, fault.name());
                assertTrue(e.getMessage().contains("fraud") || e.getMessage().contains("model.bin"), fault + ": " + e.getMessage());
                assertFalse(hasAnyObject(tmp.resolve("site2")), fault + ": no bytes stored");
            }
            try (InputStream in = site2.openArtifact(v1, "model.bin")) {
                assertArrayEquals(modelBytes, in.readAllBytes(), "a retry succeeds");
            }
        }
    }

    @Test
    void aFailedUploadPushesNothingAndARetrySucceeds() throws Exception {
        Path hub = server.repositoryDirectory("hub");
        try (Registry site = cloneHub("site")) {
            site.register("fraud").artifact(modelFile).call();
            RepoState before = RepoState.capture(hub);
            server.injectFault(Fault.FAIL_UPLOAD, 1);
            TransportException e = assertThrows(TransportException.class, () -> site.push("origin").call());
            assertTrue(e.getMessage().contains("upload"), e.getMessage());
            assertEquals(before, RepoState.capture(hub), "no ref moved on the server");
            server.injectFault(Fault.FAIL_BATCH, 1);
            assertThrows(TransportException.class, () -> site.push("origin").call());
            assertEquals(before, RepoState.capture(hub));

            site.push("origin").call();
        }
        try (Registry hubRegistry = Registry.open(hub, env.config())) {
            assertEquals(1, hubRegistry.versions("fraud").size());
        }
    }

    @Test
    void aCorruptLocalObjectIsNeverPushed() throws Exception {
        Path hub = server.repositoryDirectory("hub");
        try (Registry site = cloneHub("site")) {
            ModelVersion v1 = site.register("fraud").artifact(modelFile).call();
            Path object = tmp.resolve("site/lfs/objects").resolve(v1.artifacts().get(0).oid().hex().substring(0, 2))
                    .resolve(v1.artifacts().get(0).oid().hex().substring(2, 4)).resolve(v1.artifacts().get(0).oid().hex());
            byte[] bytes = Files.readAllBytes(object);
            bytes[bytes.length - 1] ^= 1; // the last byte: only the end-of-stream check can see it
            object.toFile().setWritable(true);
            Files.write(object, bytes);
            Map<String, String> before = RepoState.capture(hub).refs();
            TransportException e = assertThrows(TransportException.class, () -> site.push("origin").call());
            assertTrue(e.getMessage().contains("model.bin"), e.getMessage());
            assertEquals(before, RepoState.capture(hub).refs(), "no ref pushed");
            assertFalse(Files.exists(server.lfsObject("hub", v1.artifacts().get(0).oid().hex())), "nothing stored");
            assertEquals(0, server.requestCount(r -> r.isLfsObject() && r.method().equals("PUT") && r.status() / 100 == 2));
        }
    }

    @Test
    void anUnreachableServerIsAClearErrorAndChangesNothing() throws Exception {
        Path site = tmp.resolve("site");
        try (Registry registry = cloneHub("site")) {
            registry.register("fraud").artifact(modelFile).call();
        }
        RepoState before = RepoState.capture(site);
        server.close();
        try (Registry registry = Registry.open(site, env.config())) {
            TransportException push = assertThrows(TransportException.class, () -> registry.push("origin").call());
            assertTrue(push.getMessage().contains("127.0.0.1") && push.getMessage().contains("cannot connect"), push.getMessage());
            TransportException pull = assertThrows(TransportException.class, () -> registry.pull("origin").call());
            assertTrue(pull.getMessage().contains("origin"), pull.getMessage());
        }
        assertEquals(before, RepoState.capture(site));
        server = new HttpRegistryServer(tmp.resolve("srv")); // for @AfterEach
    }

    @Test
    void credentialsFromTheUrlOrTokenWorkAndWrongOnesAreRefusedWithoutShowingThem() throws Exception {
        server.close();
        server = HttpRegistryServer.builder(tmp.resolve("srv")).basicAuth("ada", "s3cret-pw").start();

        TransportException anonymous = assertThrows(TransportException.class, () -> cloneHub("anonymous"));
        assertTrue(anonymous.getMessage().toLowerCase().contains("auth") || anonymous.getMessage().contains("401")
                || anonymous.getMessage().contains("credentials"), anonymous.getMessage());
        assertFalse(Files.exists(tmp.resolve("anonymous")) && Files.list(tmp.resolve("anonymous")).findAny().isPresent(),
                "a failed clone leaves nothing");

        String wrongUrl = server.url("hub").replace("http://", "http://ada:wrong-pw@");
        TransportException wrong = assertThrows(TransportException.class,
                () -> Registry.cloneFrom(wrongUrl, tmp.resolve("wrong")).bare(true).config(env.config()).call());
        assertFalse(wrong.getMessage().contains("wrong-pw"), "password shown: " + wrong.getMessage());
        assertTrue(wrong.getMessage().contains("GIT_MODEL_TOKEN"), "says what to do: " + wrong.getMessage());

        try (Registry site = Registry.cloneFrom(server.authenticatedUrl("hub"), tmp.resolve("site")).bare(true)
                .config(env.config()).call()) {
            site.register("fraud").artifact(modelFile).call();
            TransferResult pushed = site.push("origin").call();
            assertEquals(1, pushed.objects());
            assertFalse(pushed.toString().contains("s3cret-pw"));
        }

        Map<String, String> withToken = new HashMap<>(env.env());
        withToken.put("GIT_MODEL_TOKEN", "s3cret-pw");
        RegistryConfig tokenConfig = RegistryConfig.builder().environment(withToken).clock(env.clock()).captureSource(false).build();
        String userOnly = server.url("hub").replace("http://", "http://ada@");
        try (Registry reader = Registry.cloneFrom(userOnly, tmp.resolve("reader")).bare(true).config(tokenConfig).call()) {
            try (InputStream in = reader.openArtifact(reader.resolve("fraud@v1"), "model.bin")) {
                assertArrayEquals(modelBytes, in.readAllBytes());
            }
        }
    }

    @Test
    void credentialsComeFromGitsCredentialHelperWhenTheUrlHasNone() throws Exception {
        server.close();
        server = HttpRegistryServer.builder(tmp.resolve("srv")).basicAuth("ada", "helper-pw").start();
        // git's own "store" helper, configured in this user's ~/.gitconfig, answers for the server
        Files.writeString(env.home().resolve(".git-credentials"), "http://ada:helper-pw@127.0.0.1:" + server.port() + "\n");
        Files.writeString(env.home().resolve(".gitconfig"), "[credential]\n\thelper = store\n",
                java.nio.file.StandardOpenOption.APPEND);
        try (Registry site = cloneHub("site")) {
            site.register("fraud").artifact(modelFile).call();
            assertEquals(1, site.push("origin").call().objects());
        }
        try (Registry other = cloneHub("other")) {
            try (InputStream in = other.openArtifact(other.resolve("fraud@v1"), "model.bin")) {
                assertArrayEquals(modelBytes, in.readAllBytes());
            }
        }
        assertTrue(server.requestCount(r -> r.isLfsObject() && r.hadAuthorization()) >= 2, "LFS transfers authenticated");
    }

    @Test
    void aServerRepositoryThatIsNotARegistryIsRefused() throws Exception {
        server.createBareRepository("plain");
        Exception e = assertThrows(Exception.class,
                () -> Registry.cloneFrom(server.url("plain"), tmp.resolve("plain")).bare(true).config(env.config()).call());
        assertTrue(e.getMessage().contains("registry"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("plain")), "a failed clone leaves nothing behind");

        TransportException missing = assertThrows(TransportException.class,
                () -> Registry.cloneFrom(server.url("nosuch"), tmp.resolve("nosuch")).bare(true).config(env.config()).call());
        assertTrue(missing.getMessage().contains("no repository at " + server.url("nosuch")), missing.getMessage());
    }

    private static boolean hasAnyObject(Path gitDir) throws Exception {
        Path objects = gitDir.resolve("lfs/objects");
        if (!Files.exists(objects)) {
            return false;
        }
        try (var files = Files.walk(objects)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }
}
