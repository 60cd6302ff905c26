package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.errors.ModelNotFoundException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.internal.store.RefUpdateHook;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults injected at the seam every write goes through: after all its objects are stored and
 * before any ref moves ({@link RefUpdateHook}, called by {@code AtomicRefUpdate.execute}), in the
 * manner of Lucene's MockDirectoryWrapper. For every kind of write (register, promote, demote,
 * rollback, archive, restore, release, delete, pull), a checked {@link IOException} and an
 * unchecked exception standing in for a crash must both leave every ref exactly as it was, the
 * queries answering as before, the repository clean for {@code git fsck --strict}, no lock file
 * behind, and the same write made again without the fault must succeed with the result it would
 * have had (a registration gets the number the failed one would have had).
 */
@IsolatedGit
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FaultInjectionTest {
    static final boolean HAS_GIT = GitCli.hasGit();

    TestEnv env;
    Path dir;
    Faults faults;
    Registry r;
    final List<Registry> others = new ArrayList<>();

    // ---------------------------------------------------------------- the hook

    /** Stands in for the process dying between "objects written" and "refs moved". */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }

    /** What the hook does on a call. */
    @FunctionalInterface
    interface Step {
        void at(List<String> refs) throws IOException;
    }

    /** A scriptable hook: records every call (the refs about to move) and runs a step on all or on the Nth. */
    static final class Faults implements RefUpdateHook {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        private final Map<Integer, Step> onCall = new TreeMap<>();
        private Step always;

        synchronized void reset() {
            calls.clear();
            onCall.clear();
            always = null;
        }

        synchronized Faults always(Step step) {
            always = step;
            return this;
        }

        synchronized Faults onCall(int n, Step step) {
            onCall.put(n, step);
            return this;
        }

        @Override
        public void beforeRefUpdate(List<String> refs) throws IOException {
            Step step;
            synchronized (this) {
                calls.add(List.copyOf(refs));
                step = onCall.getOrDefault(calls.size(), always);
            }
            if (step != null) {
                step.at(refs);
            }
        }
    }

    /** The two kinds of fault: an I/O error the code is written to expect, and a crash it is not. */
    enum Fault {
        IO_EXCEPTION {
            @Override
            Step step(AtomicReference<Throwable> injected) {
                return refs -> {
                    IOException e = new IOException("injected: no space left on device before moving " + refs);
                    injected.set(e);
                    throw e;
                };
            }

            @Override
            void assertSurfaces(Throwable injected, Throwable thrown) {
                RegistryIOException e = assertInstanceOf(RegistryIOException.class, thrown);
                assertSame(injected, e.getCause(), "the IOException is the cause");
                assertTrue(e.getMessage().startsWith("cannot update refs ["), e.getMessage());
                assertTrue(e.getMessage().contains(injected.getMessage()), e.getMessage());
            }
        },
        CRASH {
            @Override
            Step step(AtomicReference<Throwable> injected) {
                return refs -> {
                    SimulatedCrash e = new SimulatedCrash("injected crash before moving " + refs);
                    injected.set(e);
                    throw e;
                };
            }

            @Override
            void assertSurfaces(Throwable injected, Throwable thrown) {
                assertSame(injected, thrown, "the crash propagates untouched");
            }
        };

        abstract Step step(AtomicReference<Throwable> injected);

        abstract void assertSurfaces(Throwable injected, Throwable thrown);
    }

    // ---------------------------------------------------------------- the registry under test

    /**
     * fraud v1..v3 (v1, v2 with artifacts), ranker v1, v2, scratch v1 (never staged), old v1
     * (archived). staging holds fraud@v2 and ranker@v1; production holds fraud@v2, which replaced
     * fraud@v1 (so it can be rolled back).
     */
    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        faults = new Faults();
        dir = env.dir().resolve("registry.git");
        r = Registry.init(dir).bare(true).signed(false).config(env.config().toBuilder().refUpdateHook(faults).build()).call();
        r.register("fraud").artifact(file("fraud-1.bin", "weights 1")).metric("auc", 0.85).call();
        r.register("fraud").artifact(file("fraud-2.bin", "weights 2")).metric("auc", 0.93).call();
        r.register("fraud").metric("auc", 0.95).call();
        r.register("ranker").metric("auc", 0.99).call();
        r.register("ranker").metric("auc", 0.97).call();
        r.register("scratch").description("registered by mistake").call();
        r.register("old").call();
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.promote("fraud@v1", "production").reason("go live").call();
        r.promote("fraud@v2", "staging").reason("eval").call();
        r.promote("fraud@v2", "production").reason("better").call();
        r.promote("ranker@v1", "staging").reason("eval").call();
        r.archive("old@v1").reason("retired").call();
        assertEquals(14, faults.calls.size(), "every setup write went through the seam, init included");
        faults.reset();
    }

    @AfterEach
    void tearDown() {
        others.forEach(Registry::close);
        r.close();
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(env.dir().resolve(name), content);
    }

    /** Another writer on the same repository, without the hook. */
    Registry racer() throws RegistryException {
        Registry other = Registry.open(dir, env.config());
        others.add(other);
        return other;
    }

    /** A registry cloned from this one, with new work: fraud@v4 (an artifact) and fraud@v3 promoted to staging. */
    Path hubWithNewWork() throws Exception {
        Path hub = env.dir().resolve("hub.git");
        try (Registry h = Registry.cloneFrom(dir.toString(), hub).bare(true).config(env.config()).call()) {
            h.register("fraud").artifact(file("fraud-hub.bin", "hub weights")).description("from the hub").metric("auc", 0.96).call();
            h.promote("fraud@v3", "staging").reason("hub eval").call();
        }
        r.addRemote("hub", hub.toString());
        return hub;
    }

    // ---------------------------------------------------------------- what must not change

    /** What the queries answer: the registry as a reader sees it. */
    record Observation(List<ModelName> models, List<StageAssignment> status, Map<String, Object> versions,
            Map<String, String> resolved, Map<String, List<ModelEvent>> history) {
    }

    static final List<String> MODELS = List.of("fraud", "ranker", "scratch", "old");

    static Observation observe(Registry registry) throws RegistryException {
        Map<String, Object> versions = new LinkedHashMap<>();
        Map<String, String> resolved = new LinkedHashMap<>();
        Map<String, List<ModelEvent>> history = new LinkedHashMap<>();
        List<String> selectors = new ArrayList<>(List.of("latest", "v1", "v2", "v3", "v4", "v5"));
        registry.policy().stageNames().forEach(s -> selectors.add(s.value()));
        for (String model : MODELS) {
            try {
                versions.put(model, registry.versions(model));
                history.put(model, registry.history(model));
            } catch (RegistryException e) {
                versions.put(model, e.getClass().getSimpleName()); // a model whose only version was deleted
            }
            for (String selector : selectors) {
                String ref = model + "@" + selector;
                try {
                    ModelVersion v = registry.resolve(ref);
                    resolved.put(ref, v.ref() + " " + v.commit());
                } catch (RegistryException e) {
                    resolved.put(ref, e.getClass().getSimpleName());
                }
            }
        }
        return new Observation(registry.models(), registry.status(null), versions, resolved, history);
    }

    void assertNothingVisibleChanged(RepoState refsBefore, Observation before) throws Exception {
        RepoState after = RepoState.capture(dir);
        assertEquals(refsBefore.head(), after.head(), "HEAD moved");
        assertEquals(refsBefore.refs(), after.refs(), "a ref moved");
        assertEquals(before, observe(r), "the queries answer differently");
        try (Registry fresh = Registry.open(dir, env.config())) {
            assertEquals(before, observe(fresh), "a freshly opened registry answers differently");
        }
        assertNoLockFiles();
    }

    void assertNoLockFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> locks = files.filter(p -> p.getFileName().toString().endsWith(".lock")).toList();
            assertEquals(List.of(), locks, "lock files left behind");
        }
    }

    /** git fsck --strict and the tags' consistency, with the real git; skipped (and reported at the end) without it. */
    void assertConsistentIfGit() {
        if (HAS_GIT) {
            RegistryAssertions.assertConsistent(env, dir);
        }
    }

    static void reportIfGitWasMissing() {
        Assumptions.assumeTrue(HAS_GIT, "git is not installed: the git fsck part of this test was skipped");
    }

    // ---------------------------------------------------------------- the writes

    @FunctionalInterface
    interface Action {
        Object run(FaultInjectionTest t) throws Exception;
    }

    @FunctionalInterface
    interface Check {
        void verify(FaultInjectionTest t, Object result) throws Exception;
    }

    static final String STAGE_TIP = "refs/git-model/stage-tip";

    /**
     * One kind of write.
     *
     * @param prepare runs before the snapshot (a pull's remote)
     * @param write the write; called once with the fault and once without
     * @param refsAtSeam the refs the write is about to move when the hook is called
     * @param writesGitObjects whether the write stores Git objects before the seam (all but a delete and a fast-forward)
     * @param check what the write, made without the fault, must have done
     */
    record Scenario(String name, Action prepare, Action write, List<String> refsAtSeam, boolean writesGitObjects, Check check) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("register", t -> null,
                        t -> t.r.register("fraud").artifact(t.file("fraud-4.bin", "weights 4")).metric("auc", 0.97)
                                .description("retrained").call(),
                        List.of("refs/heads/main", "refs/tags/fraud@v4"), true, (t, result) -> {
                            ModelVersion v = (ModelVersion) result;
                            assertEquals(4, v.version(), "no number was burnt by the failed registration");
                            assertEquals("fraud@v4 " + v.commit(), t.r.resolve("fraud@latest").ref() + " " + v.commit());
                            assertEquals("retrained", t.r.resolve("fraud@v4").description());
                            try (InputStream in = t.r.openArtifact(t.r.resolve("fraud@v4"), "fraud-4.bin")) {
                                assertArrayEquals("weights 4".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
                            }
                        }),
                new Scenario("promote", t -> null,
                        t -> t.r.promote("ranker@v1", "production").reason("go live").call(),
                        List.of("refs/heads/stages/production", STAGE_TIP), true, (t, result) -> {
                            assertEquals(1, ((StageChange) result).event().version());
                            assertEquals("ranker@v1", t.r.resolve("ranker@production").ref().toString());
                            assertEquals("fraud@v2", t.r.resolve("fraud@production").ref().toString());
                        }),
                new Scenario("demote", t -> null,
                        t -> t.r.demote("ranker", "staging").reason("slot needed").call(),
                        List.of("refs/heads/stages/staging", STAGE_TIP), true, (t, result) -> {
                            assertEquals(EventAction.DEMOTE, ((StageChange) result).event().action());
                            assertThrows(VersionNotFoundException.class, () -> t.r.resolve("ranker@staging"));
                            assertEquals("fraud@v2", t.r.resolve("fraud@staging").ref().toString());
                        }),
                new Scenario("rollback", t -> null,
                        t -> t.r.rollback("fraud", "production").reason("regression").call(),
                        List.of("refs/heads/stages/production", STAGE_TIP), true, (t, result) -> {
                            ModelEvent e = ((StageChange) result).event();
                            assertEquals(1, e.version());
                            assertEquals(2, e.previousVersion());
                            assertEquals("fraud@v1", t.r.resolve("fraud@production").ref().toString());
                        }),
                new Scenario("archive", t -> null,
                        t -> t.r.archive("fraud@v3").reason("superseded").call(),
                        List.of("refs/heads/stages/archived", STAGE_TIP), true, (t, result) -> {
                            assertTrue(t.r.status(null).contains(new StageAssignment(ModelName.of("fraud"), StageName.ARCHIVED,
                                    List.of(3))), t.r.status(null).toString());
                        }),
                new Scenario("restore", t -> null,
                        t -> t.r.restore("old@v1").reason("needed again").call(),
                        List.of("refs/heads/stages/archived", STAGE_TIP), true, (t, result) -> {
                            assertEquals(EventAction.RESTORE, ((StageChange) result).event().action());
                            assertTrue(t.r.status(null).stream().noneMatch(a -> a.model().value().equals("old")),
                                    t.r.status(null).toString());
                        }),
                new Scenario("release of two models", t -> null,
                        t -> t.r.release("staging", List.of("fraud@v3", "ranker@v2")).reason("joint candidate").call(),
                        List.of("refs/heads/stages/staging", STAGE_TIP), true, (t, result) -> {
                            StageChange c = (StageChange) result;
                            assertEquals(2, c.events().size());
                            assertEquals("fraud@v3", t.r.resolve("fraud@staging").ref().toString());
                            assertEquals("ranker@v2", t.r.resolve("ranker@staging").ref().toString());
                        }),
                new Scenario("delete", t -> null,
                        t -> t.r.delete("scratch@v1").call(),
                        List.of("refs/heads/main", "refs/tags/scratch@v1"), true, (t, result) -> {
                            assertEquals("scratch@v1", result.toString());
                            assertThrows(ModelNotFoundException.class, () -> t.r.resolve("scratch@v1")); // its only version
                            // the number is not given out again
                            assertEquals(2, t.r.register("scratch").call().version());
                        }),
                new Scenario("pull (fast-forward)", t -> {
                    t.hubWithNewWork();
                    // fetch first, so the remote-tracking refs the pull's own fetch moves are already where it
                    // leaves them, and EVERY ref can be compared (the fetch is not part of the atomic update)
                    return t.r.pull("hub").fetchOnly(true).call();
                }, t -> t.r.pull("hub").call(),
                        List.of("refs/heads/main", "refs/tags/fraud@v4", "refs/heads/stages/staging", STAGE_TIP), false,
                        (t, result) -> {
                            assertEquals(List.of(), ((TransferResult) result).renumbered());
                            ModelVersion v4 = t.r.resolve("fraud@v4");
                            assertEquals("from the hub", v4.description());
                            try (InputStream in = t.r.openArtifact(v4, "fraud-hub.bin")) {
                                assertArrayEquals("hub weights".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
                            }
                            assertEquals("fraud@v3", t.r.resolve("fraud@staging").ref().toString());
                        }),
                new Scenario("pull renumbering a local version", t -> {
                    t.hubWithNewWork();
                    t.r.register("fraud").description("local, never pushed").call();
                    return t.r.pull("hub").fetchOnly(true).call();
                }, t -> t.r.pull("hub").call(),
                        List.of("refs/heads/main", "refs/tags/fraud@v5", "refs/tags/fraud@v4", "refs/heads/stages/staging",
                                STAGE_TIP), true,
                        (t, result) -> {
                            assertEquals(List.of("fraud@v4 -> fraud@v5"),
                                    ((TransferResult) result).renumbered().stream().map(Object::toString).toList());
                            assertEquals("from the hub", t.r.resolve("fraud@v4").description());
                            assertEquals("local, never pushed", t.r.resolve("fraud@v5").description());
                            assertEquals("fraud@v3", t.r.resolve("fraud@staging").ref().toString());
                        }));
    }

    static Stream<Arguments> scenariosAndFaults() {
        return scenarios().stream().flatMap(s -> Stream.of(Fault.values()).map(f -> Arguments.of(s, f)));
    }

    // ---------------------------------------------------------------- the tests

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("scenariosAndFaults")
    void aFaultBetweenObjectsAndRefsPublishesNothingAndTheWriteCanBeMadeAgain(Scenario s, Fault fault) throws Exception {
        s.prepare().run(this);
        RepoState before = RepoState.capture(dir);
        Observation seen = observe(r);

        faults.reset();
        AtomicReference<Throwable> injected = new AtomicReference<>();
        faults.always(fault.step(injected));
        Throwable thrown = assertThrows(Throwable.class, () -> s.write().run(this));
        fault.assertSurfaces(injected.get(), thrown);
        assertEquals(List.of(s.refsAtSeam()), faults.calls, "the write reached the seam once, about to move these refs");

        if (s.writesGitObjects()) {
            assertNotEquals(before.objectFiles(), RepoState.capture(dir).objectFiles(),
                    "the fault came after the write stored its objects");
        }
        assertNothingVisibleChanged(before, seen);
        assertConsistentIfGit();

        faults.reset();
        Object result = s.write().run(this);
        assertEquals(List.of(s.refsAtSeam()), faults.calls, "made again, the write moves the same refs (same numbers)");
        s.check().verify(this, result);
        assertNotEquals(before.refs(), RepoState.capture(dir).refs());
        assertConsistentIfGit();
        reportIfGitWasMissing();
    }

    /**
     * The control: without a fault the same write does change the refs and what the queries
     * answer, so the "nothing changed" assertions above are not vacuous.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void withoutAFaultTheSameWriteChangesWhatTheFaultTestsCompare(Scenario s) throws Exception {
        s.prepare().run(this);
        RepoState before = RepoState.capture(dir);
        Observation seen = observe(r);
        faults.reset();
        Object result = s.write().run(this);
        assertEquals(List.of(s.refsAtSeam()), faults.calls);
        assertNotEquals(before.refs(), RepoState.capture(dir).refs());
        assertNotEquals(seen, observe(r));
        s.check().verify(this, result);
    }

    // ---------------------------------------------------------------- faults after a lost race

    /**
     * The first attempt loses a race (another writer registers inside the hook, so the
     * compare-and-swap fails and VersionPublisher tries again with the next number); the second
     * attempt hits the fault. What is visible afterwards is the other writer's version and nothing
     * of this one's two attempts; made again, the registration takes the next number.
     */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultOnTheRetryAfterALostRegistrationRaceLeavesOnlyTheWinner(Fault fault) throws Exception {
        Registry other = racer();
        AtomicReference<RepoState> afterRace = new AtomicReference<>();
        AtomicReference<Throwable> injected = new AtomicReference<>();
        faults.onCall(1, refs -> {
            try {
                assertEquals(4, other.register("fraud").description("the other writer").call().version());
            } catch (RegistryException e) {
                throw new AssertionError(e);
            }
            afterRace.set(RepoState.capture(dir));
        }).onCall(2, fault.step(injected));

        Throwable thrown = assertThrows(Throwable.class,
                () -> r.register("fraud").artifact(file("fraud-4.bin", "weights 4")).description("mine").call());
        fault.assertSurfaces(injected.get(), thrown);
        assertEquals(List.of(List.of("refs/heads/main", "refs/tags/fraud@v4"), List.of("refs/heads/main", "refs/tags/fraud@v5")),
                faults.calls, "lost the race for v4, then failed on v5");
        Observation seen = observe(r);
        assertNothingVisibleChanged(afterRace.get(), seen);
        assertEquals("the other writer", r.resolve("fraud@latest").description());
        assertEquals(4, r.resolve("fraud@latest").version());
        assertConsistentIfGit();

        faults.reset();
        ModelVersion mine = r.register("fraud").artifact(file("fraud-4.bin", "weights 4")).description("mine").call();
        assertEquals(5, mine.version());
        assertEquals(List.of(List.of("refs/heads/main", "refs/tags/fraud@v5")), faults.calls);
        assertEquals("the other writer", r.resolve("fraud@v4").description());
        assertConsistentIfGit();
        reportIfGitWasMissing();
    }

    /** In a registry with a working tree, the checkout follows only writes whose refs moved. */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultInARegistryWithAWorkingTreeLeavesTheCheckoutAlone(Fault fault) throws Exception {
        Path work = env.dir().resolve("work");
        Path gitDir = work.resolve(".git");
        try (Registry w = Registry.init(work).signed(false).config(env.config().toBuilder().refUpdateHook(faults).build()).call()) {
            w.register("fraud").artifact(file("model.bin", "weights 1")).call();
            Path yaml = work.resolve("models/fraud/model.yaml");
            String yamlBefore = Files.readString(yaml);
            byte[] indexBefore = Files.readAllBytes(gitDir.resolve("index"));
            Path artifact = work.resolve("models/fraud/artifacts/model.bin");
            byte[] artifactBefore = Files.readAllBytes(artifact);
            RepoState before = RepoState.capture(gitDir);

            faults.reset();
            AtomicReference<Throwable> injected = new AtomicReference<>();
            faults.always(fault.step(injected));
            Throwable thrown = assertThrows(Throwable.class,
                    () -> w.register("fraud").artifact(file("model.bin", "weights 2")).call());
            fault.assertSurfaces(injected.get(), thrown);
            RepoState after = RepoState.capture(gitDir);
            assertEquals(before.head(), after.head());
            assertEquals(before.refs(), after.refs());
            assertEquals(yamlBefore, Files.readString(yaml), "the working tree did not follow a write that was not published");
            assertArrayEquals(indexBefore, Files.readAllBytes(gitDir.resolve("index")), "the index is untouched");
            assertArrayEquals(artifactBefore, Files.readAllBytes(artifact), "the checked-out artifact is untouched");
            if (HAS_GIT) {
                assertEquals("", env.git().git(work, "status", "--porcelain").ok().stdout(), "git status is clean");
                RegistryAssertions.assertConsistent(env, gitDir);
            }

            faults.reset();
            assertEquals(2, w.register("fraud").artifact(file("model.bin", "weights 2")).call().version());
            assertTrue(Files.readString(yaml).contains("version: 2"), Files.readString(yaml));
            if (HAS_GIT) {
                assertEquals("", env.git().git(work, "status", "--porcelain").ok().stdout(), "git status is clean");
                RegistryAssertions.assertConsistent(env, gitDir);
            }
        }
        reportIfGitWasMissing();
    }

    // ---------------------------------------------------------------- pull --replay: several writes in one command

    /**
     * A local stage change (ranker@v2 to staging) diverged from the hub's (fraud@v3 to staging). The
     * plain pull refuses, changing nothing; with replay it is two writes through the seam: the
     * integration (call 1), then the local change made again (call 2).
     */
    Path divergedStaging() throws Exception {
        Path hub = hubWithNewWork();
        r.promote("ranker@v2", "staging").reason("local candidate").call();
        RepoState before = RepoState.capture(dir);
        assertThrows(TransportException.class, () -> r.pull("hub").call());
        Map<String, String> local = new TreeMap<>(RepoState.capture(dir).refs());
        Map<String, String> was = new TreeMap<>(before.refs());
        local.keySet().removeIf(ref -> ref.startsWith("refs/remotes/") || ref.startsWith("refs/remote-tags/"));
        was.keySet().removeIf(ref -> ref.startsWith("refs/remotes/") || ref.startsWith("refs/remote-tags/"));
        assertEquals(was, local, "the refused pull changed no local ref");
        faults.reset();
        return hub;
    }

    static String keptRef(RepoState state) {
        return state.refs().keySet().stream().filter(ref -> ref.startsWith("refs/git-model/replaced/")).findFirst().orElseThrow();
    }

    /** A fault in the integration of a pull --replay: nothing is integrated, nothing is kept aside, and the pull can be made again. */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultInTheIntegrationOfAReplayingPullChangesNothing(Fault fault) throws Exception {
        divergedStaging();
        RepoState before = RepoState.capture(dir);
        Observation seen = observe(r);
        AtomicReference<Throwable> injected = new AtomicReference<>();
        faults.onCall(1, fault.step(injected));
        Throwable thrown = assertThrows(Throwable.class, () -> r.pull("hub").replayStageChanges(true).call());
        fault.assertSurfaces(injected.get(), thrown);
        assertEquals(1, faults.calls.size());
        assertTrue(faults.calls.get(0).stream().anyMatch(ref -> ref.startsWith("refs/git-model/replaced/")), faults.calls.toString());
        assertNothingVisibleChanged(before, seen);
        assertConsistentIfGit();

        faults.reset();
        TransferResult pulled = r.pull("hub").replayStageChanges(true).call();
        assertEquals(2, faults.calls.size(), "the integration, then the replayed promotion");
        assertEquals(1, pulled.replayed().size(), pulled.toString());
        assertEquals("ranker@v2", r.resolve("ranker@staging").ref().toString());
        assertEquals("fraud@v3", r.resolve("fraud@staging").ref().toString());
        assertEquals("from the hub", r.resolve("fraud@v4").description());
        assertConsistentIfGit();
        reportIfGitWasMissing();
    }

    /**
     * A fault in the second write of a pull --replay (the local change made again): the
     * integration stays (it was a complete atomic update of its own), the local stage history is
     * kept under refs/git-model/replaced/, and nothing is half-written. An IOException is reported
     * naming the change and where the old history is kept.
     */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultInTheReplayedChangeKeepsTheIntegrationAndTheOldHistory(Fault fault) throws Exception {
        divergedStaging();
        String localStaging = RepoState.capture(dir).refs().get("refs/heads/stages/staging");
        AtomicReference<RepoState> integrated = new AtomicReference<>();
        AtomicReference<Throwable> injected = new AtomicReference<>();
        Step fail = fault.step(injected);
        faults.onCall(2, refs -> {
            integrated.set(RepoState.capture(dir));
            fail.at(refs);
        });
        Throwable thrown = assertThrows(Throwable.class, () -> r.pull("hub").replayStageChanges(true).call());
        if (fault == Fault.IO_EXCEPTION) {
            TransportException e = assertInstanceOf(TransportException.class, thrown);
            RegistryIOException cause = assertInstanceOf(RegistryIOException.class, e.getCause());
            assertSame(injected.get(), cause.getCause());
            assertTrue(e.getMessage().contains("promote ranker@v2 to staging"), e.getMessage());
            assertTrue(e.getMessage().contains(keptRef(integrated.get())), e.getMessage());
        } else {
            fault.assertSurfaces(injected.get(), thrown);
        }
        assertEquals(List.of("refs/heads/stages/staging", STAGE_TIP), faults.calls.get(1));
        assertEquals(integrated.get().refs(), RepoState.capture(dir).refs(), "only the integration is visible");
        assertEquals(localStaging, integrated.get().refs().get(keptRef(integrated.get())), "the local history is kept");
        assertEquals("from the hub", r.resolve("fraud@v4").description());
        assertEquals("fraud@v3", r.resolve("fraud@staging").ref().toString());
        assertEquals("ranker@v1", r.resolve("ranker@staging").ref().toString(), "the local change is not made");
        assertNoLockFiles();
        assertConsistentIfGit();
        reportIfGitWasMissing();
    }

    /**
     * After a fault in the replayed change, running the same pull --replay again does not make the
     * local change: the integration already moved the stage branch to the remote's history, so the
     * pull sees no local-only stage commits, and the change survives only under
     * refs/git-model/replaced/. See the report: the same command made again does not give the result
     * it would have given.
     */
    @Disabled("known limitation: a replay interrupted after the integration is not resumed by the next pull; the message"
            + " names the ref that keeps the local history, from which the remaining changes are made again by hand")
    @ParameterizedTest
    @EnumSource(Fault.class)
    void theSamePullMadeAgainAfterAFaultInTheReplayFinishesTheReplay(Fault fault) throws Exception {
        divergedStaging();
        faults.onCall(2, fault.step(new AtomicReference<>()));
        assertThrows(Throwable.class, () -> r.pull("hub").replayStageChanges(true).call());
        faults.reset();
        r.pull("hub").replayStageChanges(true).call();
        assertEquals("ranker@v2", r.resolve("ranker@staging").ref().toString(), "the local change was made again");
    }

    /**
     * Found while writing the delete scenario: once the only version of a model is deleted,
     * {@code models()} still lists it (its directory stays on the registry branch) while
     * {@code versions()}, {@code history()} and {@code resolve("<model>@latest")} throw
     * ModelNotFoundException "model scratch does not exist in ...; models: fraud, old, ranker,
     * scratch", a message that lists the model it says does not exist. Either answer would do;
     * the two must agree.
     */
    @Test
    void aModelWhoseOnlyVersionWasDeletedIsListedWithNoVersionsOrNotListedAtAll() throws Exception {
        r.delete("scratch@v1").call();
        ModelName scratch = ModelName.of("scratch");
        if (r.models().contains(scratch)) {
            assertEquals(List.of(), r.versions("scratch"), "listed by models(), so it has (no) versions");
        } else {
            io.gitmodel.registry.errors.ModelNotFoundException e = assertThrows(
                    io.gitmodel.registry.errors.ModelNotFoundException.class, () -> r.versions("scratch"));
            assertTrue(!e.getMessage().matches("(?s).*models: .*\\bscratch\\b.*"), e.getMessage());
        }
    }

    /** Without the fault, the registration that lost the race for v4 takes v5 and leaves no trace of its first attempt. */
    @Test
    void aLostRegistrationRaceIsRetriedWithTheNextNumber() throws Exception {
        Registry other = racer();
        faults.onCall(1, refs -> {
            try {
                other.register("fraud").description("the other writer").call();
            } catch (RegistryException e) {
                throw new AssertionError(e);
            }
        });
        ModelVersion mine = r.register("fraud").description("mine").call();
        assertEquals(5, mine.version());
        assertEquals(List.of(List.of("refs/heads/main", "refs/tags/fraud@v4"), List.of("refs/heads/main", "refs/tags/fraud@v5")),
                faults.calls);
        assertEquals("the other writer", r.resolve("fraud@v4").description());
        assertEquals("mine", r.resolve("fraud@v5").description());
        assertEquals(List.of(1, 2, 3, 4, 5), r.versions("fraud").stream().map(ModelVersion::version).toList());
        assertConsistentIfGit();
        reportIfGitWasMissing();
    }

    /**
     * A stage change loses a race to a change on ANOTHER stage (the shared stage tip moved), is
     * planned again, and the second attempt hits the fault: only the other change is visible.
     */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultOnTheRetryAfterALostStageRaceLeavesOnlyTheWinner(Fault fault) throws Exception {
        Registry other = racer();
        AtomicReference<RepoState> afterRace = new AtomicReference<>();
        AtomicReference<Throwable> injected = new AtomicReference<>();
        faults.onCall(1, refs -> {
            try {
                other.promote("fraud@v3", "staging").reason("the other writer").call();
            } catch (RegistryException e) {
                throw new AssertionError(e);
            }
            afterRace.set(RepoState.capture(dir));
        }).onCall(2, fault.step(injected));

        Throwable thrown = assertThrows(Throwable.class, () -> r.promote("ranker@v1", "production").reason("go live").call());
        fault.assertSurfaces(injected.get(), thrown);
        assertEquals(List.of(List.of("refs/heads/stages/production", STAGE_TIP), List.of("refs/heads/stages/production", STAGE_TIP)),
                faults.calls);
        assertNothingVisibleChanged(afterRace.get(), observe(r));
        assertEquals("fraud@v3", r.resolve("fraud@staging").ref().toString());
        assertThrows(VersionNotFoundException.class, () -> r.resolve("ranker@production"));
        assertConsistentIfGit();

        faults.reset();
        r.promote("ranker@v1", "production").reason("go live").call();
        assertEquals("ranker@v1", r.resolve("ranker@production").ref().toString());
        assertEquals("fraud@v3", r.resolve("fraud@staging").ref().toString());
        assertConsistentIfGit();
        reportIfGitWasMissing();
    }
}
