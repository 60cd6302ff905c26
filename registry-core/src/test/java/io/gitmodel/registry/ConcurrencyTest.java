package io.gitmodel.registry;

import static io.gitmodel.registry.testing.RegistryAssertions.assertConsistent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.ChildJvm;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegisterMain;
import io.gitmodel.registry.testing.TestEnv;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invariant 2: concurrent writers (threads sharing a registry, threads with their own registry,
 * separate processes) never lose a registration and never hand out one version number twice.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@IsolatedGit
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 5;
    private static final int PROCESSES = 3;
    private static final int PER_PROCESS = 5;

    Path tmp;
    TestEnv env;
    GitCli git;

    @BeforeAll
    static void requireGit() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        git = env.git();
    }

    /** What one registration call was asked to do and what it returned. */
    record Registration(int thread, int iteration, byte[] bytes, ModelVersion returned) {
        String writer() {
            return "t" + thread + "-i" + iteration;
        }
    }

    @Test
    void threadsSharingOneRegistryGetDistinctConsecutiveVersions() throws Exception {
        try (Registry registry = Registry.init(tmp.resolve("registry.git")).bare(true).config(env.config()).call()) {
            List<Registration> done = registerConcurrently(t -> registry);
            checkRegistry(registry, done);
            checkGitView(registry, done);
        }
    }

    @Test
    void threadsWithTheirOwnRegistryGetDistinctConsecutiveVersions() throws Exception {
        threadsWithTheirOwnRegistry(tmp.resolve("registry.git"), true);
    }

    /**
     * In a registry with a working tree, the checked-out registry branch must end up in sync
     * (index = HEAD = newest version, model.yaml on disk says so) however the writers interleave.
     */
    @ParameterizedTest(name = "shared registry={0}")
    @ValueSource(booleans = {true, false})
    void threadsRegisteringInANonBareRegistryLeaveItsCheckoutInSync(boolean shared) throws Exception {
        Path dir = tmp.resolve("registry");
        if (shared) {
            try (Registry registry = Registry.init(dir).bare(false).config(env.config()).call()) {
                List<Registration> done = registerConcurrently(t -> registry);
                checkRegistry(registry, done);
                checkGitView(registry, done);
            }
        } else {
            threadsWithTheirOwnRegistry(dir, false);
        }
    }

    /**
     * The deterministic form of the race above: another git process (here: a held index.lock, as
     * {@code git status} takes one) blocks the working-tree update of one registration. The next
     * registration, with nothing in its way, must bring the checkout up to the branch again.
     */
    @Test
    void nonBareCheckoutCatchesUpAfterAnotherGitProcessHeldTheIndexLock() throws Exception {
        Path dir = tmp.resolve("registry");
        Path model = Files.writeString(tmp.resolve("model.bin"), "weights\n");
        try (Registry registry = Registry.init(dir).bare(false).config(env.config()).call()) {
            registry.register("fraud").artifact(model).metric("auc", 0.1).call();
            Path lock = dir.resolve(".git/index.lock");
            Files.writeString(lock, "");
            try {
                assertEquals(2, registry.register("fraud").artifact(model).metric("auc", 0.2).call().version(),
                        "a held index.lock must not stop a registration (the library needs no working tree)");
            } finally {
                Files.delete(lock);
            }
            ModelVersion v3 = registry.register("fraud").artifact(model).metric("auc", 0.3).call();
            assertEquals(v3.commit(), git.git(dir, "rev-parse", "HEAD").ok().stdout().strip());
            assertEquals(0, git.git(dir, "diff", "--cached", "--quiet").exitCode(), "the index must match HEAD");
            assertTrue(Files.readString(dir.resolve("models/fraud/model.yaml")).contains("\nversion: 3\n"),
                    "the working tree must show fraud@v3");
            assertEquals("", git.git(dir, "status", "--porcelain", "--", ".", ":(exclude)models/*/artifacts/*").ok().stdout());
        }
    }

    private void threadsWithTheirOwnRegistry(Path dir, boolean bare) throws Exception {
        Registry.init(dir).bare(bare).config(env.config()).call().close();
        List<Registry> opened = new ArrayList<>();
        List<Registration> done;
        try {
            for (int t = 0; t < THREADS; t++) {
                opened.add(Registry.open(dir, env.config()));
            }
            done = registerConcurrently(opened::get);
        } finally {
            opened.forEach(Registry::close);
        }
        try (Registry registry = Registry.open(dir, env.config())) {
            checkRegistry(registry, done);
            checkGitView(registry, done);
        }
    }

    interface RegistryForThread {
        Registry get(int thread) throws Exception;
    }

    /** THREADS threads, released together, each registering PER_THREAD versions of "fraud". */
    private List<Registration> registerConcurrently(RegistryForThread registries) throws Exception {
        Path shared = Files.writeString(tmp.resolve("shared.bin"), "the same bytes for everyone\n");
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Registration>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Registry registry = registries.get(thread);
                    List<Registration> mine = new ArrayList<>();
                    start.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < PER_THREAD; i++) {
                        byte[] bytes = ("weights of thread " + thread + " iteration " + i + "\n").repeat(50 + thread)
                                .getBytes(StandardCharsets.UTF_8);
                        Path file = Files.write(tmp.resolve("model-" + thread + "-" + i + ".bin"), bytes);
                        ModelVersion v = registry.register("fraud").artifact("model.bin", file).artifact("shared.bin", shared)
                                .metric("thread", thread).metric("iteration", i).tag("writer", "t" + thread + "-i" + i).call();
                        mine.add(new Registration(thread, i, bytes, v));
                    }
                    return mine;
                }));
            }
            List<Registration> all = new ArrayList<>();
            for (Future<List<Registration>> f : futures) {
                try {
                    all.addAll(f.get(90, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a registering thread failed: " + e.getCause(), e.getCause());
                }
            }
            return all;
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "registering threads did not stop");
        }
    }

    private void checkRegistry(Registry registry, List<Registration> done) throws Exception {
        int total = THREADS * PER_THREAD;
        assertEquals(total, done.size());
        List<Integer> returned = done.stream().map(r -> r.returned().version()).sorted().toList();
        assertEquals(IntStream.rangeClosed(1, total).boxed().toList(), returned, "versions handed out");
        // one thread's registrations happen one after another, so its numbers increase
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            List<Integer> mine = done.stream().filter(r -> r.thread() == thread).map(r -> r.returned().version()).toList();
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i) > mine.get(i - 1), "thread " + thread + " got versions " + mine);
            }
        }
        assertEquals(IntStream.rangeClosed(1, total).boxed().toList(),
                registry.versions("fraud").stream().map(ModelVersion::version).toList(), "versions in the registry");
        assertEquals(total, registry.resolve("fraud@latest").version());
        Set<String> commits = new HashSet<>();
        for (Registration r : done) {
            ModelVersion v = r.returned();
            assertEquals(v, registry.resolve(v.ref()), "what register returned must be what the registry holds: " + v.ref());
            assertEquals(r.writer(), v.tags().get("writer"));
            assertEquals((double) r.thread(), v.metrics().get("thread"));
            assertEquals((double) r.iteration(), v.metrics().get("iteration"));
            assertTrue(commits.add(v.commit()), "two versions share commit " + v.commit());
            try (InputStream in = registry.openArtifact(v, "model.bin")) {
                assertArrayEquals(r.bytes(), in.readAllBytes(), v.ref() + ":model.bin");
            }
            try (InputStream in = registry.openArtifact(v, "shared.bin")) {
                assertEquals("the same bytes for everyone\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** The registry as git sees it: one linear history with one commit per version, in version order. */
    private void checkGitView(Registry registry, List<Registration> done) {
        int total = done.size();
        Path gitDir = registry.gitDirectory();
        List<String> expectedTags = IntStream.rangeClosed(1, total).mapToObj(n -> "fraud@v" + n).sorted().toList();
        assertEquals(expectedTags, assertConsistent(env, gitDir));
        Path dir = registry.directory();
        List<String> subjects = git.git(dir, "log", "--first-parent", "--format=%s", "main").ok().stdout().lines().toList();
        List<String> expected = new ArrayList<>();
        for (int n = total; n >= 1; n--) {
            expected.add("Register fraud@v" + n);
        }
        expected.add("Initialize git-model registry (format 1)");
        assertEquals(expected, subjects);
        assertEquals(Integer.toString(total + 1), git.git(dir, "rev-list", "--count", "main").ok().stdout().strip(),
                "the registry branch must be linear");
        ModelVersion last = done.stream().map(Registration::returned).filter(v -> v.version() == total).findFirst().orElseThrow();
        assertEquals(last.commit(), git.git(dir, "rev-parse", "main").ok().stdout().strip());
        if (!registry.repository().isBare()) {
            // the checked-out branch followed every registration, whatever order the threads finished in
            assertEquals(last.commit(), git.git(dir, "rev-parse", "HEAD").ok().stdout().strip());
            assertEquals(0, git.git(dir, "diff", "--cached", "--quiet").exitCode(), "the index must match HEAD");
            assertEquals("", git.git(dir, "status", "--porcelain", "--", ".", ":(exclude)models/*/artifacts/*").ok().stdout());
            try {
                assertTrue(Files.readString(dir.resolve("models/fraud/model.yaml")).contains("\nversion: " + total + "\n"),
                        "the working tree must show the newest version");
            } catch (java.io.IOException e) {
                fail(e);
            }
        }
    }

    @Test
    void processesRacingOnOneRegistryGetDistinctConsecutiveVersions() throws Exception {
        Path dir = tmp.resolve("registry.git");
        Registry.init(dir).bare(true).config(env.config()).call().close();
        Path sharedArtifact = Files.writeString(tmp.resolve("model.bin"), "weights shared by two processes\n");
        Path ownArtifact = Files.writeString(tmp.resolve("other.bin"), "weights of the third process\n");
        Path go = tmp.resolve("go");

        List<Process> children = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        List<Path> readies = new ArrayList<>();
        try {
            for (int k = 0; k < PROCESSES; k++) {
                Path ready = tmp.resolve("ready-" + k);
                Path artifact = k < 2 ? sharedArtifact : ownArtifact;
                Path out = tmp.resolve("child-" + k + ".out");
                Path err = tmp.resolve("child-" + k + ".err");
                children.add(ChildJvm.start(RegisterMain.class,
                        List.of("-D" + RegisterMain.READY + "=" + ready, "-D" + RegisterMain.GO + "=" + go),
                        List.of(dir.toString(), "fraud", Integer.toString(PER_PROCESS), artifact.toString()),
                        env.env(), tmp, out, err));
                outs.add(out);
                errs.add(err);
                readies.add(ready);
            }
            // release them together once every child has started and opened the registry
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!readies.stream().allMatch(Files::exists)) {
                for (int k = 0; k < PROCESSES; k++) {
                    if (!children.get(k).isAlive()) {
                        fail("child " + k + " exited early with " + children.get(k).exitValue() + ":\n" + Files.readString(errs.get(k)));
                    }
                }
                assertTrue(System.nanoTime() < deadline, "children did not get ready within 60 s");
                Thread.sleep(5);
            }
            Files.writeString(go, "go\n");
            for (int k = 0; k < PROCESSES; k++) {
                Process p = children.get(k);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child " + k + " did not finish within 60 s");
                int kk = k;
                assertEquals(0, p.exitValue(), () -> "child " + kk + " failed:\n" + read(errs.get(kk)));
            }
        } finally {
            for (Process p : children) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }

        int total = PROCESSES * PER_PROCESS;
        Map<String, Integer> printedBy = new HashMap<>();
        Map<String, Integer> indexInChild = new HashMap<>();
        for (int k = 0; k < PROCESSES; k++) {
            List<String> refs = Files.readAllLines(outs.get(k), StandardCharsets.UTF_8);
            assertEquals(PER_PROCESS, refs.size(), "child " + k + " printed " + refs);
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                String ref = refs.get(i);
                assertTrue(ref.matches("fraud@v[1-9][0-9]*"), "child " + k + " printed '" + ref + "'");
                Integer previous = printedBy.put(ref, k);
                assertEquals(null, previous, ref + " was handed to child " + previous + " and to child " + k);
                indexInChild.put(ref, i);
                numbers.add(Integer.parseInt(ref.substring("fraud@v".length())));
            }
            System.out.println("child " + k + " (pid " + children.get(k).pid() + ") registered versions " + numbers);
            List<Integer> sorted = numbers.stream().sorted().toList();
            assertEquals(sorted, numbers, "child " + k + " registered one after another, its numbers must increase");
        }
        Set<String> expectedRefs = IntStream.rangeClosed(1, total).mapToObj(n -> "fraud@v" + n).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedRefs, new TreeSet<>(printedBy.keySet()), "refs printed by the children");
        assertEquals(expectedRefs, new TreeSet<>(git.git(dir, "tag", "-l", "fraud@v*").ok().stdout().lines().toList()),
                "version tags in the registry");
        assertEquals(new ArrayList<>(expectedRefs), assertConsistent(env, dir));
        assertEquals(Integer.toString(total + 1), git.git(dir, "rev-list", "--count", "main").ok().stdout().strip());

        try (Registry registry = Registry.open(dir, env.config())) {
            assertEquals(IntStream.rangeClosed(1, total).boxed().toList(),
                    registry.versions("fraud").stream().map(ModelVersion::version).toList());
            for (Map.Entry<String, Integer> e : printedBy.entrySet()) {
                ModelVersion v = registry.resolve(e.getKey());
                int k = e.getValue();
                assertEquals("pid-" + children.get(k).pid(), v.tags().get("writer"), e.getKey() + " was printed by child " + k);
                assertEquals((double) indexInChild.get(e.getKey()), v.metrics().get("i"), e.getKey());
                byte[] expectedBytes = Files.readAllBytes(k < 2 ? sharedArtifact : ownArtifact);
                try (InputStream in = registry.openArtifact(v, k < 2 ? "model.bin" : "other.bin")) {
                    assertArrayEquals(expectedBytes, in.readAllBytes(), e.getKey());
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
