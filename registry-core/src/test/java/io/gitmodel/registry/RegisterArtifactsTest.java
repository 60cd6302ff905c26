package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidArtifactException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Artifact files and directories on disk: what is stored, and what is rejected without a trace. */
@IsolatedGit
class RegisterArtifactsTest {
    Path tmp;
    TestEnv env;
    Registry registry;
    Path good;
    RepoState before;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call();
        good = Files.writeString(tmp.resolve("good.bin"), "good weights");
        registry.register("fraud").artifact(good).call();
        before = RepoState.capture(registry.gitDirectory());
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private InvalidArtifactException rejected(RegisterCommand command, Path expectedSource, String fragment) throws Exception {
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, command::call);
        assertEquals(expectedSource.toAbsolutePath().normalize(), e.source());
        assertTrue(e.getMessage().contains(expectedSource.toAbsolutePath().normalize().toString()),
                () -> "message should name " + expectedSource + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "message should say " + fragment + ": " + e.getMessage());
        RepoState.assertUnchanged(before, registry.gitDirectory());
        assertTrue(registry.resolve("fraud@latest").version() == 1);
        return e;
    }

    @Test
    void missingFileIsRejected() throws Exception {
        Path missing = tmp.resolve("nope.bin");
        rejected(registry.register("fraud").artifact(good).artifact(missing), missing, "does not exist");
    }

    @Test
    void symlinkToAFileIsRejected() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link.bin"), good);
        rejected(registry.register("fraud").artifact(link), link, "symbolic link");
    }

    @Test
    void symlinkToAFileIsRejectedEvenWithAnExplicitPath() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link.bin"), good);
        rejected(registry.register("fraud").artifact("model.bin", link), link, "symbolic link");
    }

    @Test
    void directoryContainingASymlinkIsRejectedNamingTheLink() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("weights/sub"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Path link = Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));
        rejected(registry.register("fraud").artifact(tmp.resolve("weights")), link, "symbolic link");
    }

    @Test
    void directoryContainingASymlinkToADirectoryIsRejected() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("weights"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Path link = Files.createSymbolicLink(dir.resolve("escape"), tmp);
        rejected(registry.register("fraud").artifact(dir), link, "symbolic link");
    }

    @Test
    void symlinkToADirectoryIsRejected() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("weights"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Path link = Files.createSymbolicLink(tmp.resolve("weights-link"), dir);
        rejected(registry.register("fraud").artifact(link), link, "symbolic link");
    }

    @Test
    void emptyDirectoryIsRejected() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        rejected(registry.register("fraud").artifact(dir), dir, "contains no files");
    }

    @Test
    void directoryWithOnlyEmptySubdirectoriesIsRejected() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hollow/a/b"));
        rejected(registry.register("fraud").artifact(tmp.resolve("hollow")), tmp.resolve("hollow"), "contains no files");
    }

    @Test
    void twoArtifactsWithTheSameFileNameAreRejected() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other")).resolve("good.bin");
        Files.writeString(other, "other weights");
        InvalidArtifactException e = rejected(registry.register("fraud").artifact(good).artifact(other), other,
                "two artifacts would have the path good.bin");
        assertTrue(e.getMessage().contains(good.toString()), e.getMessage());
    }

    @Test
    void aFileAndADirectoryEntryWithTheSamePathAreRejected() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("w"));
        Path inside = Files.writeString(dir.resolve("model.bin"), "x");
        rejected(registry.register("fraud").artifact("model.bin", good).artifact(dir), inside,
                "two artifacts would have the path model.bin");
    }

    @Test
    void theSameFileTwiceIsRejected() throws Exception {
        rejected(registry.register("fraud").artifact(good).artifact(good), good, "two artifacts would have the path good.bin");
    }

    @Test
    void directoryContainingAGitDirectoryIsRejected() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("clone/.git"));
        Files.writeString(tmp.resolve("clone/model.bin"), "w");
        Path config = Files.writeString(dir.resolve("config"), "[core]\n");
        rejected(registry.register("fraud").artifact(tmp.resolve("clone")), config, "'.git' segment");
    }

    @Test
    void fileWhoseNameHasAControlCharacterIsRejected() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("weird"));
        Path bad = Files.writeString(dir.resolve("line\nbreak.bin"), "w");
        rejected(registry.register("fraud").artifact(dir), bad, "control character");
    }

    @Test
    void fileWhoseNameHasABackslashIsRejected() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("weird"));
        Path bad = Files.writeString(dir.resolve("a\\b.bin"), "w");
        rejected(registry.register("fraud").artifact(dir), bad, "backslash");
    }

    @Test
    void directoryIsStoredRecursivelyWithRelativePaths() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        Files.writeString(dir.resolve("a.txt"), "alpha");
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("sub/b.txt"), "beta");
        Files.writeString(dir.resolve("sub/deeper/c.json"), "{}");

        ModelVersion plain = registry.register("plain").artifact(dir).call();
        assertEquals(List.of("a.txt", "sub/b.txt", "sub/deeper/c.json"), paths(plain));

        ModelVersion prefixed = registry.register("prefixed").artifact("weights", dir).artifact("config/x.bin", good).call();
        assertEquals(List.of("config/x.bin", "weights/a.txt", "weights/sub/b.txt", "weights/sub/deeper/c.json"), paths(prefixed));

        assertEquals(plain, registry.resolve("plain@v1"));
        assertEquals(prefixed, registry.resolve("prefixed@v1"));
        assertEquals("application/json", prefixed.artifact(ArtifactPath.of("weights/sub/deeper/c.json")).orElseThrow().mediaType());
        assertEquals(5, prefixed.artifact(ArtifactPath.of("weights/a.txt")).orElseThrow().size());
        try (InputStream in = registry.openArtifact(prefixed, "weights/sub/b.txt")) {
            assertArrayEquals("beta".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }

        // the pointer files sit at the same relative paths in the registry branch
        Path gitDir = registry.gitDirectory();
        String tree = env.git().git(gitDir, "--git-dir=" + gitDir, "ls-tree", "-r", "--name-only", "prefixed@v1", "models/prefixed/artifacts")
                .ok().stdout();
        assertEquals("models/prefixed/artifacts/config/x.bin\nmodels/prefixed/artifacts/weights/a.txt\n"
                + "models/prefixed/artifacts/weights/sub/b.txt\nmodels/prefixed/artifacts/weights/sub/deeper/c.json\n", tree);
        assertEquals(List.of("fraud@v1", "plain@v1", "prefixed@v1"), RegistryAssertions.assertConsistent(env, gitDir));
    }

    @Test
    void emptyFileIsAValidArtifact() throws Exception {
        Path empty = Files.write(tmp.resolve("empty.bin"), new byte[0]);
        ModelVersion v = registry.register("fraud").artifact(empty).call();
        Artifact a = v.artifact(ArtifactPath.of("empty.bin")).orElseThrow();
        assertEquals(0, a.size());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", a.oid().hex());
        try (InputStream in = registry.openArtifact(v, "empty.bin")) {
            assertEquals(0, in.readAllBytes().length);
        }
    }

    private static List<String> paths(ModelVersion v) {
        return v.artifacts().stream().map(a -> a.path().value()).toList();
    }
}
