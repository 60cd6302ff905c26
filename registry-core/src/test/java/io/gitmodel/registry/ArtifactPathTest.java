package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.UnsafePathException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Artifact paths can never escape the directory they are exported into. */
@IsolatedGit
class ArtifactPathTest {
    static Stream<Arguments> unsafePaths() {
        return Stream.of(
                Arguments.of("../x", "'..' segment"),
                Arguments.of("..", "'..' segment"),
                Arguments.of("a/../../x", "'..' segment"),
                Arguments.of("a/..", "'..' segment"),
                Arguments.of("/abs", "absolute"),
                Arguments.of("/", "absolute"),
                Arguments.of("a//b", "empty segment"),
                Arguments.of("a/./b", "'.' segment"),
                Arguments.of("./a", "'.' segment"),
                Arguments.of(".", "'.' segment"),
                Arguments.of("a\\b", "backslash"),
                Arguments.of("..\\evil", "backslash"),
                Arguments.of("C:/x", "drive-letter"),
                Arguments.of("C:x", "drive-letter"),
                Arguments.of(".git/config", "'.git' segment"),
                Arguments.of("a/.GIT/hooks/pre-commit", "'.git' segment"),
                Arguments.of("dir/", "trailing '/'"),
                Arguments.of("", "empty"),
                Arguments.of("a\u0000b", "control character"),
                Arguments.of("a\nb", "control character"),
                Arguments.of("a\u001bb", "control character"),
                Arguments.of("a\u007fb", "control character"),
                Arguments.of("x".repeat(1025), "longer than 1024"));
    }

    @ParameterizedTest
    @MethodSource("unsafePaths")
    void unsafePathIsRejected(String path, String reason) {
        UnsafePathException e = assertThrows(UnsafePathException.class, () -> ArtifactPath.of(path));
        assertEquals(path, e.path());
        assertTrue(e.getMessage().startsWith("artifact path \""), e.getMessage());
        assertTrue(e.getMessage().contains(reason), () -> "message should say " + reason + ": " + e.getMessage());
    }

    @Test
    void messageShowsControlCharactersEscaped() {
        UnsafePathException e = assertThrows(UnsafePathException.class, () -> ArtifactPath.of("a\nb"));
        assertTrue(e.getMessage().contains("\"a\\u000ab\""), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.onnx", "a/b/c.bin", ".hidden", "..dots", "a..b/c", "x.git", "git/config", "a b/c d",
            "\u00e9t\u00e9.bin", "weights/sub-dir_1/part.00001"})
    void safePathsAreAccepted(String path) {
        assertEquals(path, ArtifactPath.of(path).value());
    }

    @Test
    void longestPathIsAccepted() {
        String path = "x".repeat(ArtifactPath.MAX_LENGTH);
        assertEquals(path, ArtifactPath.of(path).value());
    }

    @Test
    void fileNameIsTheLastSegment() {
        assertEquals("c.bin", ArtifactPath.of("a/b/c.bin").fileName());
        assertEquals("model.onnx", ArtifactPath.of("model.onnx").fileName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "/etc/passwd", ".git/hooks/post-checkout", "a/../../evil", "C:/evil", "w\\x"})
    void registerWithAnUnsafeArtifactPathChangesNothing(String unsafe, TestEnv env) throws Exception {
        Path tmp = env.dir();
        Path file = Files.writeString(tmp.resolve("model.bin"), "weights");
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call()) {
            registry.register("fraud").artifact(file).call();
            RepoState before = RepoState.capture(registry.gitDirectory());
            UnsafePathException e = assertThrows(UnsafePathException.class,
                    () -> registry.register("fraud").artifact(unsafe, file).call());
            assertEquals(unsafe, e.path());
            RepoState.assertUnchanged(before, registry.gitDirectory());
            assertEquals(1, registry.versions("fraud").size());
        }
    }

    @Test
    void unsafePathsAreRejectedForExportAndOpenToo(TestEnv env) throws Exception {
        Path tmp = env.dir();
        Path file = Files.writeString(tmp.resolve("model.bin"), "weights");
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call()) {
            ModelVersion v = registry.register("fraud").artifact(file).call();
            assertThrows(UnsafePathException.class, () -> registry.openArtifact(v, "../model.bin"));
            assertThrows(UnsafePathException.class, () -> registry.exportArtifacts(v, tmp.resolve("out")).path("../../x"));
            assertTrue(!Files.exists(tmp.resolve("out")));
        }
    }
}
