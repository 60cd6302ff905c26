package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The derived index under {@code <git-dir>/git-model/index/} changes no answer: every read says the
 * same with it and without it (gitmodel.index=false), after every kind of write, after refs moved
 * by plain git, and with the index damaged; verify removes one that disagrees with Git.
 */
@IsolatedGit
class RegistryIndexTest {
    private TestEnv env;
    private Path dir;
    private Path artifact;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        this.dir = env.dir().resolve("reg");
        this.artifact = Files.writeString(env.dir().resolve("w.bin"), "weights");
        Registry.init(dir).bare(true).signed(false).config(env.config()).call().close();
    }

    private Path indexFile() {
        return dir.resolve("git-model/index/registry.idx");
    }

    /** Every read the index answers, rendered, errors included. */
    private List<String> answers(boolean indexed) throws Exception {
        env.git().git(dir, "config", "gitmodel.index", String.valueOf(indexed)).ok();
        List<String> out = new ArrayList<>();
        try (Registry r = Registry.open(dir, env.config())) {
            out.add("models " + r.models());
            out.add("status " + r.status(null));
            out.add("log " + attempt(() -> r.log("staging")) + attempt(() -> r.log("production")));
            for (ModelName m : r.models()) {
                out.add(m + " " + r.versions(m.value()));
                out.add(m + " history " + r.history(m.value()));
                for (String ref : List.of(m + "@latest", m + "@v1", m + "@v2", m + "@v3", m + "@v99", m + "@staging",
                        m + "@production", m + "@archived", m + "@nostage")) {
                    out.add(ref + " -> " + attempt(() -> r.resolve(ref)));
                }
            }
            out.add("unknown " + attempt(() -> r.resolve("nobody@v1")) + attempt(() -> r.versions("nobody")));
            out.add("search " + r.search().where("metrics.auc >= 0.8").sort("metrics.auc", true).call());
            out.add("latest " + r.search().latestOnly().call());
        }
        env.git().git(dir, "config", "--unset", "gitmodel.index").ok();
        return out;
    }

    private interface Read {
        Object get() throws RegistryException;
    }

    private static String attempt(Read read) {
        try {
            return String.valueOf(read.get());
        } catch (RegistryException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void sameWithAndWithout(String after) throws Exception {
        List<String> indexed = answers(true);
        assertEquals(answers(false), indexed, "after " + after);
        assertEquals(indexed, answers(true), "the index answers again, after " + after);
    }

    @Test
    void everyReadIsTheSameWithAndWithoutTheIndex() throws Exception {
        sameWithAndWithout("init");
        try (Registry r = Registry.open(dir, env.config())) {
            r.register("fraud").artifact(artifact).metric("auc", 0.81).tag("team", "risk").call();
            r.register("fraud").artifact(artifact).metric("auc", 0.86).call();
            r.register("churn").artifact(artifact).metric("auc", 0.7).call();
        }
        sameWithAndWithout("registrations");
        assertTrue(Files.isRegularFile(indexFile()), "the writes built the index");
        assertEquals(env.git().git(dir, "rev-parse", "main").ok().stdout().trim(), registryTipOfTheIndex(),
                "the last write brought it up to its own tip");
        try (Registry r = Registry.open(dir, env.config())) {
            r.promote("fraud@v1", "staging").reason("t").call();
            r.promote("fraud@v1", "production").reason("t").call();
            r.promote("fraud@v2", "staging").reason("t").call();
            r.promote("churn@v1", "staging").reason("t").call();
        }
        sameWithAndWithout("promotions");
        try (Registry r = Registry.open(dir, env.config())) {
            r.promote("fraud@v2", "production").reason("t").call();
            r.rollback("fraud", "production").reason("back").call();
            r.demote("churn", "staging").reason("t").call();
            r.register("churn").artifact(artifact).metric("auc", 0.9).call();
            r.delete("churn@v2").call();
            r.demote("fraud", "staging").reason("t").call();
            r.archive("fraud@v2").reason("old").call();
        }
        sameWithAndWithout("rollback, demotion, deletion, archiving");
        try (Registry r = Registry.open(dir, env.config())) {
            r.setPolicy(r.policyText().replace("approvals: 0", "approvals: 1")).reason("stricter").call();
            r.register("fraud").artifact(artifact).call();
        }
        sameWithAndWithout("a change of registry.yaml");
    }

    @Test
    void refsMovedByPlainGitAreFollowed() throws Exception {
        try (Registry r = Registry.open(dir, env.config())) {
            r.register("fraud").artifact(artifact).call();
            r.register("fraud").artifact(artifact).call();
            r.promote("fraud@v1", "staging").reason("t").call();
            r.promote("fraud@v1", "production").reason("t").call();
            r.promote("fraud@v2", "staging").reason("t").call();
            assertEquals(2, r.resolve("fraud@staging").version());
        }
        env.git().git(dir, "update-ref", "refs/heads/stages/staging", "stages/staging~1").ok();
        env.git().git(dir, "branch", "-D", "stages/production").ok();
        try (Registry r = Registry.open(dir, env.config())) {
            assertEquals(1, r.resolve("fraud@staging").version(), "the stage branch moved back by git");
        }
        sameWithAndWithout("git update-ref");
        env.git().git(dir, "pack-refs", "--all").ok();
        sameWithAndWithout("git pack-refs");
    }

    @Test
    void aDamagedIndexIsIgnoredAndBuiltAgain() throws Exception {
        try (Registry r = Registry.open(dir, env.config())) {
            r.register("fraud").artifact(artifact).metric("auc", 0.9).call();
            r.register("fraud").artifact(artifact).metric("auc", 0.95).call();
            r.promote("fraud@v2", "staging").reason("t").call();
            r.versions("fraud");
        }
        List<String> expected = answers(false);
        byte[] good = Files.readAllBytes(indexFile());
        Files.write(indexFile(), java.util.Arrays.copyOf(good, good.length / 2));
        assertEquals(expected, answers(true), "a truncated index");
        Files.writeString(indexFile(), "not an index at all");
        assertEquals(expected, answers(true), "garbage");
        assertEquals(ByteBuffer.wrap(good, 0, 4), ByteBuffer.wrap(Files.readAllBytes(indexFile()), 0, 4), "built again");
        Path docs = dir.resolve("git-model/index/docs");
        byte[] d = Files.readAllBytes(docs);
        for (int i = 16; i < d.length; i++) {
            d[i] = (byte) (d[i] == '9' ? '1' : d[i]);
        }
        Files.write(docs, d);
        assertEquals(expected, answers(true), "documents that fail their CRC are read from Git");
    }

    @Test
    void verifyRemovesAnIndexThatDisagreesWithGit() throws Exception {
        try (Registry r = Registry.open(dir, env.config())) {
            r.register("fraud").artifact(artifact).call();
            r.register("fraud").artifact(artifact).call();
            assertEquals(List.of(), r.verify().call().findings());
            assertTrue(Files.isRegularFile(indexFile()), "an index that agrees is kept");
        }
        // a version tag deleted by hand: the branches did not move, so the index still lists it
        env.git().git(dir, "tag", "-d", "fraud@v2").ok();
        try (Registry r = Registry.open(dir, env.config())) {
            r.verify().call();
            assertTrue(Files.notExists(indexFile()), "verify compared it with the tags and removed it");
            assertEquals(1, r.versions("fraud").size(), "and reads say what Git says");
        }
    }

    @Test
    void readersWhileAWriterRegistersSeeEveryVersionInOrder() throws Exception {
        try (Registry w = Registry.open(dir, env.config())) {
            w.register("fraud").artifact(artifact).call();
        }
        int versions = 25;
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread reader = new Thread(() -> {
                int seen = 0;
                try (Registry r = Registry.open(dir, env.config())) {
                    while (!done.get()) {
                        int latest = r.resolve("fraud@latest").version();
                        List<ModelVersion> all = r.versions("fraud");
                        assertTrue(latest >= seen, "versions never go back: " + latest + " after " + seen);
                        assertTrue(all.size() >= latest, all.size() + " versions listed, v" + latest + " resolved before");
                        seen = latest;
                    }
                } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        try (Registry w = Registry.open(dir, env.config())) {
            for (int i = 2; i <= versions; i++) {
                w.register("fraud").artifact(artifact).call();
            }
        } finally {
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
        }
        if (failed.get() != null) {
            throw new AssertionError("a reader failed", failed.get());
        }
        try (Registry r = Registry.open(dir, env.config())) {
            assertEquals(versions, r.resolve("fraud@latest").version());
        }
        sameWithAndWithout("concurrent registrations");
    }

    private String registryTipOfTheIndex() throws Exception {
        byte[] header = Files.readAllBytes(indexFile());
        return org.eclipse.jgit.lib.ObjectId.fromRaw(header, 16).name();
    }
}
