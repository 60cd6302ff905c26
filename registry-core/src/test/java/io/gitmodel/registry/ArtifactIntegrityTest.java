package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.ArtifactIntegrityException;
import io.gitmodel.registry.errors.ArtifactMissingException;
import io.gitmodel.registry.errors.CorruptArtifactException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.TestEnv;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Artifact bytes are verified whenever they are read: corruption is reported, never served. */
@IsolatedGit
class ArtifactIntegrityTest {
    Path tmp;
    TestEnv env;
    Registry registry;
    byte[] content;
    String oid;
    ModelVersion v1;
    Path object;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call();
        content = new byte[300_000];
        new Random(42).nextBytes(content);
        oid = RegistryAssertions.sha256(content);
        Path file = Files.write(tmp.resolve("model.bin"), content);
        v1 = registry.register("fraud").artifact(file).call();
        object = registry.gitDirectory().resolve("lfs/objects").resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid);
        assertTrue(Files.isRegularFile(object));
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private void overwrite(long position, byte[] bytes) throws Exception {
        object.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(object.toFile(), "rw")) {
            f.seek(position);
            f.write(bytes);
        }
    }

    @Test
    void intactArtifactReadsBack() throws Exception {
        try (InputStream in = registry.openArtifact(v1, "model.bin")) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void corruptObjectOfTheSameLengthIsDetectedAtEndOfStream() throws Exception {
        overwrite(150_000, new byte[] {(byte) ~content[150_000]});
        byte[] corrupted = Files.readAllBytes(object);
        assertEquals(content.length, corrupted.length);
        try (InputStream in = registry.openArtifact(v1, "model.bin")) {
            ArtifactIntegrityException e = assertThrows(ArtifactIntegrityException.class, in::readAllBytes);
            CorruptArtifactException c = e.corruption();
            assertEquals("sha256:" + oid, c.expectedOid());
            assertEquals("sha256:" + RegistryAssertions.sha256(corrupted), c.actualOid());
            assertTrue(e.getMessage().contains("fraud@v1:model.bin"), e.getMessage());
            assertTrue(e.getMessage().contains(oid), e.getMessage());
        }
    }

    @Test
    void corruptObjectIsDetectedWhenReadInSmallChunks() throws Exception {
        overwrite(0, new byte[] {(byte) ~content[0]});
        try (InputStream in = registry.openArtifact(v1, "model.bin")) {
            byte[] buf = new byte[7];
            assertThrows(ArtifactIntegrityException.class, () -> {
                while (in.read(buf) >= 0) {
                    // drain
                }
            });
        }
    }

    @Test
    void truncatedObject() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(object.toFile(), "rw")) {
            f.setLength(content.length - 1);
        }
        try (InputStream in = registry.openArtifact(v1, "model.bin")) {
            ArtifactIntegrityException e = assertThrows(ArtifactIntegrityException.class, in::readAllBytes);
            assertEquals("sha256:" + oid, e.corruption().expectedOid());
            assertNull(e.corruption().actualOid());
            assertTrue(e.getMessage().contains((content.length - 1) + " bytes instead of " + content.length), e.getMessage());
        }
    }

    @Test
    void emptiedObject() throws Exception {
        Files.write(object, new byte[0]);
        try (InputStream in = registry.openArtifact(v1, "model.bin")) {
            assertThrows(ArtifactIntegrityException.class, in::readAllBytes);
        }
    }

    @Test
    void objectWithExtraBytes() throws Exception {
        Files.write(object, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        try (InputStream in = registry.openArtifact(v1, "model.bin")) {
            ArtifactIntegrityException e = assertThrows(ArtifactIntegrityException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("more than the expected " + content.length + " bytes"), e.getMessage());
        }
    }

    @Test
    void deletedObject() throws Exception {
        Files.delete(object);
        ArtifactMissingException e = assertThrows(ArtifactMissingException.class, () -> registry.openArtifact(v1, "model.bin"));
        assertEquals("sha256:" + oid, e.oid());
        assertTrue(e.getMessage().contains("fraud@v1:model.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("not in the local artifact store"), e.getMessage());
    }

    @Test
    void objectReplacedBySymlinkIsNotFollowed() throws Exception {
        Path elsewhere = Files.write(tmp.resolve("elsewhere.bin"), content);
        Files.delete(object);
        Files.createSymbolicLink(object, elsewhere);
        assertThrows(ArtifactMissingException.class, () -> registry.openArtifact(v1, "model.bin"));
    }

    @Test
    void exportOfACorruptObjectLeavesNothingBehind() throws Exception {
        overwrite(10, new byte[] {(byte) ~content[10]});
        Path target = tmp.resolve("out");
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> registry.exportArtifacts(v1, target).call());
        assertEquals("sha256:" + oid, e.expectedOid());
        assertEquals("sha256:" + RegistryAssertions.sha256(Files.readAllBytes(object)), e.actualOid());
        assertEquals(List.of(), filesUnder(target));
    }

    @Test
    void exportOfATruncatedObjectLeavesNothingBehind() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(object.toFile(), "rw")) {
            f.setLength(1000);
        }
        Path target = tmp.resolve("out");
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> registry.exportArtifacts(v1, target).call());
        assertEquals("sha256:" + oid, e.expectedOid());
        assertEquals(List.of(), filesUnder(target));
    }

    @Test
    void failedExportKeepsAnExistingFileUntouched() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(target.resolve("model.bin"), "previous good export");
        overwrite(10, new byte[] {(byte) ~content[10]});
        assertThrows(CorruptArtifactException.class, () -> registry.exportArtifacts(v1, target).replace(true).call());
        assertEquals(List.of("model.bin"), filesUnder(target));
        assertEquals("previous good export", Files.readString(target.resolve("model.bin")));
    }

    @Test
    void exportOfAMissingObject() throws Exception {
        Files.delete(object);
        Path target = tmp.resolve("out");
        assertThrows(ArtifactMissingException.class, () -> registry.exportArtifacts(v1, target).call());
        assertEquals(List.of(), filesUnder(target));
    }

    @Test
    void exportOfANestedCorruptArtifactLeavesNoPartFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("w/sub"));
        byte[] nested = "nested weights".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("n.bin"), nested);
        ModelVersion v = registry.register("nested").artifact(tmp.resolve("w")).call();
        String nestedOid = RegistryAssertions.sha256(nested);
        Path nestedObject = registry.gitDirectory().resolve("lfs/objects").resolve(nestedOid.substring(0, 2))
                .resolve(nestedOid.substring(2, 4)).resolve(nestedOid);
        Files.writeString(nestedObject, "Nested weights");
        Path target = tmp.resolve("out");
        assertThrows(CorruptArtifactException.class, () -> registry.exportArtifacts(v, target).call());
        assertEquals(List.of(), filesUnder(target));
    }

    @Test
    void intactExportWritesVerifiedFiles() throws Exception {
        Path target = tmp.resolve("out");
        List<Path> written = registry.exportArtifacts(v1, target).call();
        assertEquals(List.of(target.resolve("model.bin")), written);
        assertArrayEquals(content, Files.readAllBytes(target.resolve("model.bin")));
        assertEquals(List.of("model.bin"), filesUnder(target));
    }

    @Test
    void registryWithAnEmptyArtifactPassesGitLfsFsck() throws Exception {
        Assumptions.assumeTrue(GitCli.hasGitLfs(), "git-lfs is not installed");
        Path empty = Files.write(tmp.resolve("empty.bin"), new byte[0]);
        registry.register("fraud").artifact(empty).call();
        Path gitDir = registry.gitDirectory();
        GitCli.Result fsck = env.git().git(gitDir, "--git-dir=" + gitDir, "lfs", "fsck");
        assertEquals(0, fsck.exitCode(), fsck.stdout() + fsck.stderr());
    }

    @Test
    void registryPassesGitLfsFsck() throws Exception {
        Assumptions.assumeTrue(GitCli.hasGitLfs(), "git-lfs is not installed");
        Path gitDir = registry.gitDirectory();
        GitCli.Result fsck = env.git().git(gitDir, "--git-dir=" + gitDir, "lfs", "fsck");
        assertEquals(0, fsck.exitCode(), fsck.stdout() + fsck.stderr());
        overwrite(10, new byte[] {(byte) ~content[10]});
        GitCli.Result broken = env.git().git(gitDir, "--git-dir=" + gitDir, "lfs", "fsck");
        assertTrue(broken.exitCode() != 0, "git lfs fsck must see the corruption we made: " + broken.stdout() + broken.stderr());
    }

    private static List<String> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
