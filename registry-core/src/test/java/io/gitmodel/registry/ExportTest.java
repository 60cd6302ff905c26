package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.ArtifactNotFoundException;
import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.TargetExistsException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exporting artifacts writes only inside the target directory, and only verified bytes. */
@IsolatedGit
class ExportTest {
    Path tmp;
    TestEnv env;
    Registry registry;
    ModelVersion v;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call();
        Path dir = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(tmp.resolve("src/a.txt"), "alpha");
        Files.writeString(dir.resolve("b.txt"), "beta");
        v = registry.register("fraud").artifact("weights", tmp.resolve("src")).call();
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void exportsEveryArtifactAtItsPath() throws Exception {
        Path out = tmp.resolve("out");
        List<Path> written = registry.exportArtifacts(v, out).call();
        assertEquals(List.of(out.resolve("weights/a.txt"), out.resolve("weights/sub/b.txt")), written);
        assertEquals("alpha", Files.readString(out.resolve("weights/a.txt")));
        assertEquals("beta", Files.readString(out.resolve("weights/sub/b.txt")));
        assertEquals(List.of("weights/a.txt", "weights/sub/b.txt"), files(out));
    }

    @Test
    void aDirectoryHoldingAnEarlierVersionIsReplacedOnlyWhenAskedAndThenHoldsExactlyTheNewVersion() throws Exception {
        Path out = tmp.resolve("deploy");
        Path other = Files.writeString(tmp.resolve("model2.onnx"), "v2 weights");
        ModelVersion v2 = registry.register("fraud").artifact(other).call();
        registry.exportArtifacts(v2, out).call();
        assertEquals(List.of("model2.onnx"), files(out));

        TargetExistsException busy = assertThrows(TargetExistsException.class, () -> registry.exportArtifacts(v, out).call());
        assertTrue(busy.getMessage().contains("holds files already; nothing was written") && busy.getMessage().contains("--force"),
                busy.getMessage());
        assertEquals(List.of("model2.onnx"), files(out), "refused: the directory is as it was");

        List<Path> written = registry.exportArtifacts(v, out).replace(true).call();
        assertEquals(List.of(out.resolve("weights/a.txt"), out.resolve("weights/sub/b.txt")), written);
        assertEquals(List.of("weights/a.txt", "weights/sub/b.txt"), files(out), "v2's model2.onnx must not stay beside the new files");
        try (Stream<Path> beside = Files.list(tmp)) {
            assertEquals(List.of(), beside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".deploy")).toList(),
                    "no staging or old directory is left beside the target");
        }
    }

    @Test
    void theExportedDirectoryHasTheUmasksPermissionsLikeAnyNewDirectory() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createDirectory(tmp.resolve("made-by-hand"));
        Path out = tmp.resolve("deploy");
        registry.exportArtifacts(v, out).call();
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(out),
                "a serving process of another user can read what was deployed, as with git and git-lfs");
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(out.resolve("weights")));
    }

    @Test
    void anEmptyDirectoryIsFilledWithoutForce() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("empty"));
        registry.exportArtifacts(v, out).call();
        assertEquals(List.of("weights/a.txt", "weights/sub/b.txt"), files(out));
    }

    @Test
    void exportsOnlyTheSelectedPaths() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(List.of(out.resolve("weights/sub/b.txt")), registry.exportArtifacts(v, out).path("weights/sub/b.txt").call());
        assertEquals(List.of("weights/sub/b.txt"), files(out));
    }

    @Test
    void unknownSelectedPathWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class,
                () -> registry.exportArtifacts(v, out).path("weights/a.txt").path("nope.bin").call());
        assertEquals("nope.bin", e.path());
        assertEquals(List.of(), files(out), "the known path must not be exported before the unknown one is reported");
    }

    @Test
    void aSelectedArtifactReplacesAnExistingFile() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out/weights"));
        Files.writeString(out.resolve("a.txt"), "old");
        registry.exportArtifacts(v, tmp.resolve("out")).path("weights/a.txt").call();
        assertEquals("alpha", Files.readString(out.resolve("a.txt")));
    }

    @Test
    void symlinkAtTheTargetFileIsNotFollowed() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "precious");
        Path out = Files.createDirectories(tmp.resolve("out/weights"));
        Files.createSymbolicLink(out.resolve("a.txt"), outside);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> registry.exportArtifacts(v, tmp.resolve("out")).path("weights/a.txt").call());
        assertTrue(e.getMessage().contains("symbolic link is in the way"), e.getMessage());
        assertEquals("precious", Files.readString(outside));
        assertTrue(Files.isSymbolicLink(out.resolve("a.txt")));

        // the whole version replaces the directory: the link goes, what it pointed at stays
        registry.exportArtifacts(v, tmp.resolve("out")).replace(true).call();
        assertEquals("precious", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(out.resolve("a.txt")));
        assertEquals("alpha", Files.readString(out.resolve("a.txt")));
    }

    @Test
    void symlinkedParentDirectoryIsNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("weights"), elsewhere);
        assertThrows(RegistryException.class, () -> registry.exportArtifacts(v, out).call());
        assertEquals(List.of(), files(elsewhere), "nothing may be written outside the export directory");
    }

    private static List<String> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void exportIntoAFileFails() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(RegistryException.class, () -> registry.exportArtifacts(v, file).call());
        assertEquals("x", Files.readString(file));
        assertFalse(Files.isDirectory(file));
    }
}
