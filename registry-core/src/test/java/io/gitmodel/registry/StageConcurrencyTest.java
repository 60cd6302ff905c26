package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.testing.ChildJvm;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.PromoteMain;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invariant 2 for stages: writers racing on one stage branch (threads, processes) never overwrite
 * each other's promotion silently. Every promotion that reports success is in the stage's log
 * exactly once, the history chains (each change's previous version is the version before it), and
 * every stage commit is signed so that git verifies it. A writer that cannot win ends with a
 * ConcurrentUpdateException or a rule violation, never with a lost update.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@IsolatedGit
class StageConcurrencyTest {
    private static final int PROCESSES = 3;
    private static final int THREADS = 6;

    Path tmp;
    TestEnv env;
    GitCli git;
    Path dir;

    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        git = env.git();
        dir = tmp.resolve("registry.git");
        env.configureSshSigning("id_ed25519");
    }

    private Registry newRegistry(int versions) throws Exception {
        Registry r = Registry.init(dir).bare(true).config(env.config()).call();
        for (int i = 1; i <= versions; i++) {
            r.register("fraud").metric("auc", 0.9).call();
        }
        return r;
    }

    /**
     * The stage's log must be exactly the successful changes, each once, chained by previous
     * version, and every commit must verify with git.
     */
    private void assertEveryPromotionRecordedOnce(Registry r, String stage, List<String> successCommits) throws Exception {
        List<ModelEvent> log = r.log(stage);
        assertEquals(successCommits.size(), log.size(), "stage commits vs successful promotions: " + log);
        assertEquals(new HashSet<>(successCommits), new HashSet<>(log.stream().map(ModelEvent::commit).toList()));
        assertEquals(successCommits.size(), new HashSet<>(successCommits).size(), "a commit was reported twice");
        Set<Integer> versions = new HashSet<>();
        int previous = 0;
        for (ModelEvent e : log) {
            assertEquals(EventAction.PROMOTE, e.action());
            assertTrue(versions.add(e.version()), "fraud@v" + e.version() + " was promoted twice: " + log);
            assertEquals(previous, e.previousVersion(), "the change to fraud@v" + e.version()
                    + " did not record what it replaced; an update was overwritten: " + log);
            assertEquals(SignatureCheck.Status.GOOD, e.signature().status(), e.signature().toString());
            assertTrue(e.signature().allowed());
            previous = e.version();
        }
        assertEquals("fraud@v" + previous, r.resolve("fraud@" + stage).ref().toString());
        assertEquals(Integer.toString(successCommits.size()),
                git.git(dir, "rev-list", "--count", "stages/" + stage).ok().stdout().trim());
        for (String c : successCommits) {
            GitCli.Result v = git.git(dir, "verify-commit", c);
            assertEquals(0, v.exitCode(), () -> "git verify-commit " + c + ":\n" + v.stderr());
        }
        assertTrue(git.git(dir, "log", "--format=%G?", "stages/" + stage).ok().stdout().lines().allMatch("G"::equals));
        git.git(dir, "fsck", "--strict", "--no-dangling").ok();
    }

    @Test
    void processesPromotingDifferentVersionsToOneStageLoseNothing() throws Exception {
        newRegistry(PROCESSES).close();
        Path go = tmp.resolve("go");
        List<Process> children = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        List<Path> readies = new ArrayList<>();
        try {
            for (int k = 0; k < PROCESSES; k++) {
                Path ready = tmp.resolve("ready-" + k);
                Path out = tmp.resolve("child-" + k + ".out");
                Path err = tmp.resolve("child-" + k + ".err");
                children.add(ChildJvm.start(PromoteMain.class,
                        List.of("-D" + PromoteMain.READY + "=" + ready, "-D" + PromoteMain.GO + "=" + go),
                        List.of(dir.toString(), "fraud@v" + (k + 1), "staging", "process " + k), env.env(), tmp, out, err));
                outs.add(out);
                errs.add(err);
                readies.add(ready);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!readies.stream().allMatch(Files::exists)) {
                for (int k = 0; k < PROCESSES; k++) {
                    if (!children.get(k).isAlive()) {
                        fail("child " + k + " exited early with " + children.get(k).exitValue() + ":\n"
                                + Files.readString(errs.get(k)));
                    }
                }
                assertTrue(System.nanoTime() < deadline, "children did not get ready within 60 s");
                Thread.sleep(5);
            }
            Files.writeString(go, "go\n");
            for (int k = 0; k < PROCESSES; k++) {
                assertTrue(children.get(k).waitFor(60, TimeUnit.SECONDS), "child " + k + " did not finish within 60 s");
            }
        } finally {
            for (Process p : children) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }

        List<String> successes = new ArrayList<>();
        for (int k = 0; k < PROCESSES; k++) {
            int code = children.get(k).exitValue();
            String err = Files.readString(errs.get(k), StandardCharsets.UTF_8);
            String out = Files.readString(outs.get(k), StandardCharsets.UTF_8).trim();
            if (code == 0) {
                String[] f = out.split(" ");
                assertEquals(3, f.length, "child " + k + " printed " + out);
                assertEquals(Integer.toString(k + 1), f[1], "child " + k + " promoted another version: " + out);
                successes.add(f[0]);
            } else {
                int kk = k;
                assertTrue(code == 3 || code == 4, () -> "child " + kk + " failed with an unexpected error (" + code + "):\n" + err);
                assertTrue(err.contains("FAILED " + ConcurrentUpdateException.class.getName())
                        || err.contains("FAILED " + StageRuleViolationException.class.getName()), err);
            }
        }
        assertFalse(successes.isEmpty(), "no child succeeded");
        try (Registry r = Registry.open(dir, env.config())) {
            assertEveryPromotionRecordedOnce(r, "staging", successes);
        }
    }

    /** Runs the tasks at once (after a barrier) and returns, per task, its result or its exception. */
    private static <T> List<Object> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CyclicBarrier barrier = new CyclicBarrier(tasks.size());
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return t.call();
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    results.add(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> commitsOf(List<Object> results) {
        List<String> commits = new ArrayList<>();
        for (Object o : results) {
            if (o instanceof StageChange c) {
                commits.add(c.commit());
            } else if (!(o instanceof ConcurrentUpdateException) && !(o instanceof StageRuleViolationException)) {
                throw new AssertionError("unexpected outcome of a racing promotion: " + o, o instanceof Throwable t ? t : null);
            }
        }
        return commits;
    }

    @Test
    void threadsSharingARegistryPromotingDifferentVersionsLoseNothing() throws Exception {
        try (Registry r = newRegistry(THREADS)) {
            List<Callable<StageChange>> tasks = new ArrayList<>();
            for (int t = 1; t <= THREADS; t++) {
                String ref = "fraud@v" + t;
                tasks.add(() -> r.promote(ref, "staging").reason("thread for " + ref).call());
            }
            List<String> commits = commitsOf(race(tasks));
            assertEquals(THREADS, commits.size(), "with retries on fresh state every promotion gets through");
            assertEveryPromotionRecordedOnce(r, "staging", commits);
        }
    }

    @Test
    void threadsWithTheirOwnRegistryPromotingDifferentVersionsLoseNothing() throws Exception {
        newRegistry(THREADS).close();
        List<Registry> registries = new ArrayList<>();
        try {
            List<Callable<StageChange>> tasks = new ArrayList<>();
            for (int t = 1; t <= THREADS; t++) {
                Registry own = Registry.open(dir, env.config());
                registries.add(own);
                String ref = "fraud@v" + t;
                tasks.add(() -> own.promote(ref, "staging").reason("own registry for " + ref).call());
            }
            List<String> commits = commitsOf(race(tasks));
            assertFalse(commits.isEmpty());
            try (Registry r = Registry.open(dir, env.config())) {
                assertEveryPromotionRecordedOnce(r, "staging", commits);
            }
        } finally {
            registries.forEach(Registry::close);
        }
    }

    @Test
    void threadsPromotingTheSameVersionSucceedOnceAndTheRestAreToldItIsThere() throws Exception {
        try (Registry r = newRegistry(1)) {
            List<Callable<StageChange>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String reason = "thread " + t;
                tasks.add(() -> r.promote("fraud@v1", "staging").reason(reason).call());
            }
            List<Object> results = race(tasks);
            List<String> commits = commitsOf(results);
            assertEquals(1, commits.size(), "exactly one promotion of fraud@v1: " + results);
            for (Object o : results) {
                if (o instanceof StageRuleViolationException e) {
                    assertEquals("staging", e.stage());
                    assertEquals("already held", e.rule());
                    assertTrue(e.getMessage().contains("fraud@v1"), e.getMessage());
                }
            }
            assertEveryPromotionRecordedOnce(r, "staging", commits);
        }
    }

    @Test
    void aVersionIsNeverBothArchivedAndInAStageWhenArchiveAndPromoteRace() throws Exception {
        int rounds = 8;
        try (Registry r = newRegistry(rounds)) {
            List<String> both = new ArrayList<>();
            int wins = 0;
            for (int v = 1; v <= rounds; v++) {
                String ref = "fraud@v" + v;
                int version = v;
                List<Object> results = race(List.<Callable<StageChange>>of(
                        () -> r.promote(ref, "staging").reason("promote " + ref).call(),
                        () -> r.archive(ref).reason("archive " + ref).call()));
                for (Object o : results) {
                    if (o instanceof Throwable t && !(t instanceof StageRuleViolationException)) {
                        throw new AssertionError("unexpected outcome: " + t, t);
                    }
                    wins += o instanceof StageChange ? 1 : 0;
                }
                List<StageAssignment> status = r.status(null);
                boolean inStaging = status.stream().anyMatch(a -> String.valueOf(a.stage()).equals("staging") && a.versions().contains(version));
                boolean archived = status.stream().anyMatch(a -> String.valueOf(a.stage()).equals("archived") && a.versions().contains(version));
                assertTrue(inStaging || archived, ref + " is neither in staging nor archived: " + results);
                if (inStaging && archived) {
                    both.add(ref);
                }
            }
            System.out.println("archive/promote race: " + wins + " of " + (2 * rounds) + " changes applied; both: " + both);
            assertEquals(List.of(), both, "versions that ended up archived AND in staging (write skew between stage branches)");
        }
    }
}
