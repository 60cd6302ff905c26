package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gitmodel.registry.errors.NotARegistryException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.testing.ChildJvm;
import io.gitmodel.registry.testing.HttpRegistryServer;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import io.gitmodel.registry.testing.TransferMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A push or pull killed (SIGKILL) in the middle of an artifact: no partial object becomes visible
 * on either side, no ref moves, and the retry skips the objects that already arrived.
 */
@IsolatedGit
class InterruptedTransferTest {
    private static final int BIG = 24 << 20;

    Path tmp;

    private TestEnv env;
    private HttpRegistryServer server;
    private Path hub;
    private String url;
    private Path small;
    private Path big;
    private String smallOid;
    private String bigOid;

    @BeforeEach
    void isolate(TestEnv env) {
        this.env = env;
        tmp = env.dir();
    }

    private void setUp(String transport) throws Exception {
        if (transport.equals("http")) {
            server = new HttpRegistryServer(tmp.resolve("srv"));
            hub = server.repositoryDirectory("hub");
            url = server.url("hub");
        } else {
            hub = tmp.resolve("hub.git");
            url = hub.toUri().toString();
        }
        Registry.init(hub).bare(true).signed(false).config(env.config()).call().close();
        byte[] bigBytes = new byte[BIG];
        new Random(11).nextBytes(bigBytes);
        big = Files.write(tmp.resolve("big.bin"), bigBytes);
        bigOid = RegistryAssertions.sha256(bigBytes);
        // transfers go in object id order: make the small object come first, so it arrives before the kill
        for (int i = 0; ; i++) {
            byte[] candidate = ("small artifact " + i).getBytes();
            if (RegistryAssertions.sha256(candidate).compareTo(bigOid) < 0) {
                small = Files.write(tmp.resolve("small.bin"), candidate);
                smallOid = RegistryAssertions.sha256(candidate);
                break;
            }
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} remote")
    @ValueSource(strings = {"file", "http"})
    void aKilledPushLeavesNoPartialObjectAndTheRetrySkipsWhatArrived(String transport) throws Exception {
        setUp(transport);
        Path site = tmp.resolve("site");
        try (Registry registry = Registry.cloneFrom(url, site).bare(true).config(env.config()).call()) {
            registry.register("fraud").artifact(small).artifact(big).call();
        }
        RepoState siteBefore = RepoState.capture(site);
        Map<String, String> hubRefsBefore = RepoState.capture(hub).refs();

        killMidway(List.of("push", site.toString(), "origin"));

        assertEquals(hubRefsBefore, RepoState.capture(hub).refs(), "no ref moved on the remote");
        assertTrue(Files.isRegularFile(lfsObject(hub, smallOid)), "the object sent before the kill is stored");
        assertFalse(Files.exists(lfsObject(hub, bigOid)), "the partial object is not visible");
        RepoState.assertUnchanged(siteBefore, site);

        try (Registry registry = Registry.open(site, env.config())) {
            TransferResult retry = registry.push("origin").call();
            assertEquals(1, retry.objects(), "the object already on the remote is skipped");
            assertEquals(BIG, retry.bytes());
        }
        assertEquals(bigOid, RegistryAssertions.sha256(lfsObject(hub, bigOid)));
        RegistryAssertions.assertConsistent(env, hub);
    }

    @ParameterizedTest(name = "{0} remote")
    @ValueSource(strings = {"file", "http"})
    void aKilledPullLeavesNoPartialObjectAndTheRetrySkipsWhatArrived(String transport) throws Exception {
        setUp(transport);
        Path site = cloneThenPublishElsewhere();
        Map<String, String> localRefsBefore = localRefs(site);

        killMidway(List.of("pull", site.toString(), "origin"));

        assertEquals(localRefsBefore, localRefs(site), "no local branch, tag or stage moved");
        assertTrue(Files.isRegularFile(lfsObject(site, smallOid)), "the object received before the kill is stored");
        assertFalse(Files.exists(lfsObject(site, bigOid)), "the partial object is not visible");
        RegistryAssertions.assertConsistent(env, site);
        List<Path> leftovers = incomingFiles(site);
        assertEquals(1, leftovers.size(), "the killed download's temporary file: " + leftovers);
        // a day later it is known to be stale; a younger one may belong to a running transfer
        Files.setLastModifiedTime(leftovers.get(0), java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        Path running = Files.writeString(site.resolve("lfs/tmp/incoming-running.tmp"), "another process");

        try (Registry registry = Registry.open(site, env.config())) {
            TransferResult retry = registry.pull("origin").call();
            assertEquals(1, retry.objects(), "the object already here is skipped");
            assertEquals(BIG, retry.bytes());
            assertEquals(1, registry.versions("fraud").size());
        }
        assertEquals(bigOid, RegistryAssertions.sha256(lfsObject(site, bigOid)));
        RegistryAssertions.assertConsistent(env, site);
        assertEquals(List.of(running), incomingFiles(site), "the stale leftover was removed, the young file kept");
    }

    private static List<Path> incomingFiles(Path gitDir) throws java.io.IOException {
        Path tmpDir = gitDir.resolve("lfs/tmp");
        if (!Files.isDirectory(tmpDir)) {
            return List.of();
        }
        try (var files = Files.list(tmpDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("incoming-")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0} remote")
    @ValueSource(strings = {"file", "http"})
    void aKilledCloneIsFinishedByRunningItAgain(String transport) throws Exception {
        setUp(transport);
        cloneThenPublishElsewhere();
        Path clone = tmp.resolve("clone");
        killMidway(List.of("clone", url, clone.toString()));
        assertTrue(Files.isRegularFile(lfsObject(clone, smallOid)), "the object received before the kill is stored");
        assertFalse(Files.exists(lfsObject(clone, bigOid)));
        NotARegistryException unfinished = assertThrows(NotARegistryException.class,
                () -> Registry.open(clone, env.config()).resolve("fraud@v1"));
        assertTrue(unfinished.getMessage().contains("interrupted") && unfinished.getMessage().contains("git-model clone --bare "
                + url + " " + clone), unfinished.getMessage());

        assertEquals(1, incomingFiles(clone).size(), "the killed run's partial download");
        Thread.sleep(1100); // file times have one-second granularity on some file systems
        try (Registry finished = Registry.cloneFrom(url, clone).bare(true).config(env.config()).call()) {
            assertEquals(1, finished.versions("fraud").size());
        }
        assertEquals(List.of(), incomingFiles(clone), "removed once the clone is finished");
        assertEquals(bigOid, RegistryAssertions.sha256(lfsObject(clone, bigOid)));
        RegistryAssertions.assertConsistent(env, clone);
        assertThrows(TransportException.class, () -> Registry.cloneFrom(url, clone).bare(true).config(env.config()).call(),
                "a finished clone is not cloned into again");
    }

    @ParameterizedTest(name = "{0} remote")
    @ValueSource(strings = {"file", "http"})
    void aFullDiskDuringPullIsAClearErrorAndChangesNothing(String transport) throws Exception {
        setUp(transport);
        Path site = cloneThenPublishElsewhere();
        Map<String, String> localRefsBefore = localRefs(site);

        // a file-size limit makes the write fail the way a full disk does (EFBIG instead of ENOSPC)
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", "ulimit -f " + (BIG / 2 / 1024) + "; exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ChildJvm.classpath(),
                TransferMain.class.getName(), "pull", site.toString(), "origin"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(tmp.resolve("full.out").toFile()).redirectError(tmp.resolve("full.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env.env());
        Process child = pb.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("full.err"));
        assertEquals(1, child.exitValue(), err);
        assertTrue(err.contains("cannot download fraud@v1:big.bin") || err.contains("cannot download big.bin"), err);
        assertTrue(err.contains("File too large"), err);

        assertEquals(localRefsBefore, localRefs(site), "no local branch, tag or stage moved");
        assertFalse(Files.exists(lfsObject(site, bigOid)), "the partial object is not visible");
        RegistryAssertions.assertConsistent(env, site);
        try (Registry registry = Registry.open(site, env.config())) {
            assertEquals(1, registry.pull("origin").call().objects(), "after freeing space, the retry fetches the rest");
        }
        assertEquals(bigOid, RegistryAssertions.sha256(lfsObject(site, bigOid)));
    }

    /** A clone taken before another site published a version with both artifacts. */
    private Path cloneThenPublishElsewhere() throws Exception {
        Path site = tmp.resolve("site");
        Registry.cloneFrom(url, site).bare(true).config(env.config()).call().close();
        try (Registry writer = Registry.cloneFrom(url, tmp.resolve("writer")).bare(true).config(env.config()).call()) {
            writer.register("fraud").artifact(small).artifact(big).call();
            writer.push("origin").call();
        }
        return site;
    }

    private void killMidway(List<String> args) throws Exception {
        String operation = args.get(0);
        Path midway = tmp.resolve("midway");
        Files.deleteIfExists(midway);
        Process child = ChildJvm.start(TransferMain.class, List.of("-D" + TransferMain.MIDWAY + "=" + midway),
                args, env.env(), tmp, tmp.resolve("child.out"), tmp.resolve("child.err"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(midway)) {
            if (!child.isAlive()) {
                fail("the " + operation + " ended before the kill (exit " + child.exitValue() + "):\n"
                        + Files.readString(tmp.resolve("child.err")));
            }
            assertTrue(System.nanoTime() < deadline, operation + " did not get midway within 120 s");
            Thread.sleep(2);
        }
        assertTrue(Files.readString(midway).contains("big.bin"), Files.readString(midway));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }

    private static Path lfsObject(Path gitDir, String oid) {
        return gitDir.resolve("lfs/objects").resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid);
    }

    private static Map<String, String> localRefs(Path gitDir) {
        Map<String, String> refs = new TreeMap<>(RepoState.capture(gitDir).refs());
        refs.keySet().removeIf(name -> name.startsWith("refs/remotes/") || name.startsWith("refs/remote-tags/"));
        return refs;
    }
}
