package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.format.SafeYaml;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile or broken model.yaml committed into the registry branch by someone else (with plain
 * git) is reported as {@link CorruptMetadataException} naming the file, never as a RuntimeException,
 * and never lets a write go through.
 */
@IsolatedGit
class CorruptMetadataInRegistryTest {
    private static final String FILE_AT_TAG = "fraud@v1:models/fraud/model.yaml";
    private static final String HEAD = "name: fraud\nversion: 1\ncreated: 2026-03-14T10:00:00Z\ncreated_by: Eve <eve@example.com>\n";

    Path tmp;
    TestEnv env;
    GitCli git;
    Path dir;

    @BeforeAll
    static void requireGit() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        git = env.git();
        dir = tmp.resolve("reg");
        Registry.init(dir).config(env.config()).call().close();
    }

    /** Commits {@code content} as models/fraud/model.yaml with plain git and tags it fraud@v1. */
    private void commitModelYaml(byte[] content, String tag) throws Exception {
        Path yaml = Files.createDirectories(dir.resolve("models/fraud")).resolve("model.yaml");
        Files.write(yaml, content);
        git.git(dir, "add", "models/fraud/model.yaml").ok();
        git.git(dir, "commit", "-q", "-m", "hand-written model.yaml").ok();
        git.git(dir, "tag", "-a", tag, "-m", tag).ok();
    }

    static Stream<Arguments> corrupt() {
        StringBuilder deep = new StringBuilder(HEAD).append("x: ");
        deep.append("[".repeat(1000)).append("]".repeat(1000)).append('\n');
        return Stream.of(
                Arguments.of("alias bomb", HEAD + "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                        + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                        + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n", "anchor or alias"),
                Arguments.of("java type tag", HEAD + "x: !!java.lang.ProcessBuilder [calc]\n", "explicit YAML tag"),
                Arguments.of("custom tag", "!custom\n" + HEAD, "explicit YAML tag"),
                Arguments.of("deep nesting", deep.toString(), "nested more than"),
                Arguments.of("duplicate key", HEAD + "name: other\n", "not valid YAML"),
                Arguments.of("not a mapping", "- fraud\n- 1\n", "not a YAML mapping"),
                Arguments.of("empty file", "", "not a YAML mapping"),
                Arguments.of("binary garbage", "\u0000\u0001\u0002PK\u0003\u0004", "not valid YAML"),
                Arguments.of("too large", HEAD + "x: \"" + "a".repeat(SafeYaml.MAX_CHARS) + "\"\n", "limit is"),
                Arguments.of("wrong type", HEAD.replace("version: 1", "version: one"), "'version'"),
                Arguments.of("NaN metric", HEAD + "metrics: {auc: .nan}\n", "auc"),
                Arguments.of("path traversal in artifacts", HEAD + "artifacts: [{path: ../../etc/passwd, oid: 'sha256:"
                        + "a".repeat(64) + "', size: 3}]\n", "../../etc/passwd"),
                Arguments.of("list as param", HEAD + "params: {layers: [1, 2]}\n", "layers"),
                Arguments.of("bad parent", HEAD + "lineage: {parents: ['x@v0~y']}\n", "x@v0~y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrupt")
    void corruptModelYamlMakesReadsAndWritesFailCleanly(String what, String content, String fragment) throws Exception {
        commitModelYaml(content.getBytes(StandardCharsets.UTF_8), "fraud@v1");
        try (Registry registry = Registry.open(dir, env.config())) {
            RepoState before = RepoState.capture(registry.gitDirectory());
            for (String ref : List.of("fraud@v1", "fraud@latest")) {
                CorruptMetadataException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> assertThrows(CorruptMetadataException.class, () -> registry.resolve(ref)), ref);
                assertTrue(e.file().startsWith(FILE_AT_TAG), e.file());
                assertTrue(e.getMessage().contains(FILE_AT_TAG), e.getMessage());
                assertTrue(e.getMessage().contains(fragment), () -> "message should say " + fragment + ": " + e.getMessage());
            }
            assertThrows(CorruptMetadataException.class, () -> registry.versions("fraud"));
            assertEquals(List.of(ModelName.of("fraud")), registry.models());

            // a new registration reads the current model.yaml to number the version: it must refuse, not guess
            Path artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
            CorruptMetadataException onWrite = assertThrows(CorruptMetadataException.class,
                    () -> registry.register("fraud").artifact(artifact).call());
            assertTrue(onWrite.file().startsWith("main:models/fraud/model.yaml"), onWrite.file());
            // the artifact bytes are stored before the current model.yaml is read, so only refs and Git objects are checked
            RepoState.assertRefsAndGitObjectsUnchanged(before, registry.gitDirectory());

            // other models are unaffected
            ModelVersion other = registry.register("churn").artifact(artifact).call();
            assertEquals(other, registry.resolve("churn@v1"));
        }
    }

    @Test
    void modelYamlDescribingAnotherVersionIsCorrupt() throws Exception {
        commitModelYaml(HEAD.replace("version: 1", "version: 7").getBytes(StandardCharsets.UTF_8), "fraud@v1");
        try (Registry registry = Registry.open(dir, env.config())) {
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> registry.resolve("fraud@v1"));
            assertEquals(FILE_AT_TAG, e.file());
            assertTrue(e.getMessage().contains("describes fraud@v7, not fraud@v1"), e.getMessage());
        }
    }

    @Test
    void modelYamlOfAnotherModelIsCorrupt() throws Exception {
        commitModelYaml(HEAD.replace("name: fraud", "name: churn").getBytes(StandardCharsets.UTF_8), "fraud@v1");
        try (Registry registry = Registry.open(dir, env.config())) {
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> registry.resolve("fraud@v1"));
            assertTrue(e.getMessage().contains("describes churn@v1, not fraud@v1"), e.getMessage());
        }
    }

    @Test
    void tagOnACommitWithoutModelYaml() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        git.git(dir, "add", "notes.txt").ok();
        git.git(dir, "commit", "-q", "-m", "notes").ok();
        git.git(dir, "tag", "-a", "fraud@v1", "-m", "fraud@v1").ok();
        try (Registry registry = Registry.open(dir, env.config())) {
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> registry.resolve("fraud@v1"));
            assertEquals(FILE_AT_TAG, e.file());
            assertTrue(e.getMessage().contains("has no models/fraud/model.yaml"), e.getMessage());
        }
    }

    @Test
    void tagOnABlobIsARegistryExceptionNotARuntimeException() throws Exception {
        Path blob = Files.writeString(tmp.resolve("blob.txt"), HEAD);
        String id = git.git(dir, "hash-object", "-w", blob.toString()).ok().stdout().strip();
        git.git(dir, "tag", "-a", "fraud@v1", "-m", "fraud@v1", id).ok();
        try (Registry registry = Registry.open(dir, env.config())) {
            assertThrows(RegistryException.class, () -> registry.resolve("fraud@v1"));
        }
    }

    @Test
    void hostileRegistryYamlIsRejectedOnOpen() throws Exception {
        Files.writeString(dir.resolve("registry.yaml"), "format: &f 1\nstages: {x: *f}\n");
        git.git(dir, "commit", "-q", "-am", "hostile").ok();
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> Registry.open(dir, env.config()));
        assertEquals("main:registry.yaml", e.file());
        assertTrue(e.getMessage().contains("anchor or alias"), e.getMessage());
    }
}
