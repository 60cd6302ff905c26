package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gitmodel.registry.testing.ChildJvm;
import io.gitmodel.registry.testing.HttpRegistryServer;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.PushMain;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.TestEnv;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several processes register the same model in their own clones and push to one remote at the
 * same time, pulling (and so renumbering) whenever their push is refused: every registration ends
 * on the remote, under distinct numbers 1..N, with its artifact.
 */
@IsolatedGit
class ConcurrentPushTest {
    private static final int PROCESSES = 3;
    private static final int PER_PROCESS = 2;

    @ParameterizedTest(name = "{0} remote")
    @ValueSource(strings = {"file", "http"})
    void everyRegistrationReachesTheRemoteUnderADistinctNumber(String transport, TestEnv env) throws Exception {
        Path tmp = env.dir();
        HttpRegistryServer server = transport.equals("http") ? new HttpRegistryServer(tmp.resolve("srv")) : null;
        try {
            Path hub = server != null ? server.repositoryDirectory("hub") : tmp.resolve("hub.git");
            String url = server != null ? server.url("hub") : hub.toUri().toString();
            Registry.init(hub).bare(true).signed(false).config(env.config()).call().close();
            byte[][] contents = new byte[PROCESSES][];
            List<Process> children = new ArrayList<>();
            List<Path> outs = new ArrayList<>();
            List<Path> errs = new ArrayList<>();
            List<Path> readies = new ArrayList<>();
            Path go = tmp.resolve("go");
            for (int k = 0; k < PROCESSES; k++) {
                contents[k] = ("model bytes of writer " + k).getBytes();
                Path artifact = Files.write(tmp.resolve("model-" + k + ".bin"), contents[k]);
                Path ready = tmp.resolve("ready-" + k);
                outs.add(tmp.resolve("child-" + k + ".out"));
                errs.add(tmp.resolve("child-" + k + ".err"));
                readies.add(ready);
                children.add(ChildJvm.start(PushMain.class,
                        List.of("-D" + PushMain.READY + "=" + ready, "-D" + PushMain.GO + "=" + go),
                        List.of(url, tmp.resolve("site-" + k).toString(), "fraud", Integer.toString(PER_PROCESS), artifact.toString()),
                        env.env(), tmp, outs.get(k), errs.get(k)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!readies.stream().allMatch(Files::exists)) {
                for (int k = 0; k < PROCESSES; k++) {
                    if (!children.get(k).isAlive()) {
                        fail("child " + k + " exited early with " + children.get(k).exitValue() + ":\n" + Files.readString(errs.get(k)));
                    }
                }
                assertTrue(System.nanoTime() < deadline, "children did not get ready within 120 s");
                Thread.sleep(5);
            }
            Files.writeString(go, "go\n");
            int renumbering = 0;
            for (int k = 0; k < PROCESSES; k++) {
                Process p = children.get(k);
                assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child " + k + " did not finish within 180 s");
                int kk = k;
                assertEquals(0, p.exitValue(), () -> "child " + kk + " failed:\n" + read(errs.get(kk)));
                assertTrue(read(outs.get(k)).contains("pushed after"), read(outs.get(k)));
                renumbering += read(outs.get(k)).contains("renumbered [fraud@v1 -> ") ? 1 : 0;
            }
            // every clone registered v1 and v2 offline: all but the first to push had to renumber
            assertTrue(renumbering >= PROCESSES - 1, renumbering + " children renumbered");

            try (Registry remote = Registry.open(hub, env.config())) {
                List<ModelVersion> versions = remote.versions("fraud");
                assertEquals(IntStream.rangeClosed(1, PROCESSES * PER_PROCESS).boxed().toList(),
                        versions.stream().map(ModelVersion::version).sorted().toList(), "numbers 1..N, none lost or doubled");
                Set<String> registrations = versions.stream().map(v -> v.tags().get("writer") + "#" + v.metrics().get("i").intValue())
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(PROCESSES * PER_PROCESS, registrations.size(), "every registration once: " + registrations);
                for (ModelVersion v : versions) {
                    try (InputStream in = remote.openArtifact(v, v.artifacts().get(0).path().value())) {
                        byte[] bytes = in.readAllBytes();
                        assertTrue(IntStream.range(0, PROCESSES).anyMatch(k -> java.util.Arrays.equals(contents[k], bytes)),
                                v.ref() + " has its artifact on the remote");
                    }
                }
            }
            RegistryAssertions.assertConsistent(env, hub);
            // a late joiner sees the same
            try (Registry late = Registry.cloneFrom(url, tmp.resolve("late")).bare(true).config(env.config()).call()) {
                assertEquals(PROCESSES * PER_PROCESS, late.versions("fraud").size());
                ModelVersion last = late.resolve("fraud@latest");
                try (InputStream in = late.openArtifact(last, last.artifacts().get(0).path().value())) {
                    assertArrayEquals(in.readAllBytes(), Files.readAllBytes(tmp.resolve("late/lfs/objects")
                            .resolve(last.artifacts().get(0).oid().hex().substring(0, 2))
                            .resolve(last.artifacts().get(0).oid().hex().substring(2, 4))
                            .resolve(last.artifacts().get(0).oid().hex())));
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
