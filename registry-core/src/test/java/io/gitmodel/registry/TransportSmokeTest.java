package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.TestEnv;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@IsolatedGit
class TransportSmokeTest {
    @Test
    void pushCloneOfflineRegistrationsAndLazyPull(TestEnv env) throws Exception {
        Path tmp = env.dir();
        Path hub = tmp.resolve("hub.git");
        Registry.init(hub).bare(true).signed(false).config(env.config()).call().close();
        byte[] bytesA = "model A".getBytes();
        byte[] bytesB = "model B".getBytes();
        Path a = Files.write(tmp.resolve("a.bin"), bytesA);
        Path b = Files.write(tmp.resolve("b.bin"), bytesB);

        try (Registry site1 = Registry.cloneFrom(hub.toUri().toString(), tmp.resolve("site1")).config(env.config()).call();
                Registry site2 = Registry.cloneFrom(hub.toString(), tmp.resolve("site2")).bare(true).config(env.config()).call()) {
            site1.register("fraud").artifact(a).call();
            TransferResult pushed = site1.push("origin").call();
            assertEquals(1, pushed.objects());
            assertTrue(pushed.refs().contains("refs/tags/fraud@v1"), pushed.toString());

            site2.pull("origin").call();
            assertEquals("fraud@v1", site2.resolve("fraud@latest").ref().toString());

            // both sites register offline: each makes its own fraud@v2
            site1.register("fraud").artifact(a).description("site1").call();
            ModelVersion mine = site2.register("fraud").artifact(b).description("site2").call();
            assertEquals(2, mine.version());
            site1.push("origin").call();
            TransportException refused = assertThrows(TransportException.class, () -> site2.push("origin").call());
            assertTrue(refused.getMessage().contains("pull"), refused.getMessage());

            TransferResult pulled = site2.pull("origin").call();
            assertEquals(List.of("fraud@v2 -> fraud@v3"), pulled.renumbered().stream().map(Object::toString).toList());
            assertEquals("site1", site2.resolve("fraud@v2").description());
            assertEquals("site2", site2.resolve("fraud@v3").description());
            site2.push("origin").call();
        }
        try (Registry hubRegistry = Registry.open(hub, env.config())) {
            assertEquals(3, hubRegistry.versions("fraud").size());
            try (InputStream in = hubRegistry.openArtifact(hubRegistry.resolve("fraud@v3"), "b.bin")) {
                assertArrayEquals(bytesB, in.readAllBytes());
            }
        }
        RegistryAssertions.assertConsistent(env, hub);
        RegistryAssertions.assertConsistent(env, tmp.resolve("site2"));

        // a serving host: metadata only, artifacts on demand
        try (Registry serving = Registry.cloneFrom(hub.toString(), tmp.resolve("serving")).bare(true).metadataOnly(true)
                .config(env.config()).call()) {
            ModelVersion v3 = serving.resolve("fraud@v3");
            Path stored = tmp.resolve("serving/lfs/objects");
            assertTrue(!Files.exists(stored) || Files.walk(stored).noneMatch(Files::isRegularFile), "no bytes fetched yet");
            try (InputStream in = serving.openArtifact(v3, "b.bin")) {
                assertArrayEquals(bytesB, in.readAllBytes());
            }
        }
    }

    @Test
    void pushingToARegistryWithAWorkingTreeKeepsItsCheckoutClean(TestEnv env) throws Exception {
        Path tmp = env.dir();
        Path shared = tmp.resolve("shared");
        Registry.init(shared).signed(false).config(env.config()).call().close();
        byte[] bytes = "weights".getBytes();
        try (Registry site = Registry.cloneFrom(shared.toString(), tmp.resolve("site")).bare(true).config(env.config()).call()) {
            site.register("fraud").artifact(Files.write(tmp.resolve("model.bin"), bytes)).call();
            site.push("origin").call();
        }
        assertEquals("", env.git().git(shared, "status", "--porcelain").ok().stdout(), "git status is clean after the push");
        assertTrue(Files.isRegularFile(shared.resolve("models/fraud/model.yaml")));
        assertTrue(Files.isRegularFile(shared.resolve("models/fraud/artifacts/model.bin")));
        RegistryAssertions.assertConsistent(env, shared.resolve(".git"));
    }

    @Test
    void pushedAndExportedArtifactsAreReadableByTeammatesAsTheUmaskAllows(TestEnv env) throws Exception {
        Path tmp = env.dir();
        Path probe = java.nio.file.Files.createFile(tmp.resolve("probe"));
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.getPosixFilePermissions(probe)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "this process's umask hides files from others");
        Path hub = tmp.resolve("hub.git");
        Registry.init(hub).bare(true).signed(false).config(env.config()).call().close();
        ModelVersion v1;
        try (Registry site = Registry.cloneFrom(hub.toString(), tmp.resolve("site")).config(env.config()).call()) {
            v1 = site.register("fraud").artifact(Files.writeString(tmp.resolve("model.bin"), "weights")).call();
            site.push("origin").call();
            site.exportArtifacts(v1, tmp.resolve("out")).call();
        }
        String oid = v1.artifacts().get(0).oid().hex();
        for (Path file : List.of(hub.resolve("lfs/objects").resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid),
                tmp.resolve("site/.git/lfs/objects").resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid),
                tmp.resolve("out/model.bin"), tmp.resolve("site/models/fraud/model.yaml"))) {
            assertTrue(Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ),
                    file + " " + Files.getPosixFilePermissions(file));
        }
    }
}
