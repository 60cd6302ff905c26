package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidNameException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Model names: the naming rules, and that a rejected name changes nothing in the registry. */
@IsolatedGit
class ModelNameTest {
    Path tmp;
    TestEnv env;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
    }

    /** Invalid names, each with a fragment the error message must contain to name the problem. */
    static Stream<Arguments> invalidNames() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("Fraud", "\"Fraud\""),
                Arguments.of("fraud/v2", "\"fraud/v2\""),
                Arguments.of("a..b", "'..'"),
                Arguments.of("..", "\"..\""),
                Arguments.of(".hidden", "start with a letter or digit"),
                Arguments.of("-dash", "start with a letter or digit"),
                Arguments.of("_under", "start with a letter or digit"),
                Arguments.of("fraud@v1", "\"fraud@v1\""),
                Arguments.of("fraud~1", "\"fraud~1\""),
                Arguments.of("my model", "\"my model\""),
                Arguments.of("fraud.lock", "'.lock'"),
                Arguments.of("fraud.", "ends in '.'"),
                Arguments.of("x".repeat(101), "101 characters"),
                Arguments.of("a\u0001b", "a\\u0001b"),
                Arguments.of("a\nb", "a\\u000ab"),
                Arguments.of("tab\there", "tab\\u0009here"),
                Arguments.of("del\u007f", "del\\u007f"),
                Arguments.of("caf\u00e9", "caf\u00e9"),
                Arguments.of("a:b", "\"a:b\""),
                Arguments.of("a*b", "\"a*b\""),
                Arguments.of("a\\b", "\"a\\b\""));
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidNameIsRejectedWithAMessageNamingIt(String bad, String fragment) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> ModelName.of(bad));
        assertEquals(bad, e.name());
        assertTrue(e.getMessage().startsWith("model name \""), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "message should contain " + fragment + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("rule:"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void registerWithAnInvalidNameChangesNothing(String bad, String fragment) throws Exception {
        Path artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call()) {
            registry.register("fraud").artifact(artifact).call();
            RepoState before = RepoState.capture(registry.gitDirectory());
            InvalidNameException e = assertThrows(InvalidNameException.class,
                    () -> registry.register(bad).artifact(artifact).metric("auc", 0.5).call());
            assertEquals(bad, e.name());
            RepoState.assertUnchanged(before, registry.gitDirectory());
            assertEquals(1, registry.models().size());
        }
    }

    @Test
    void invalidNameInAReferenceIsRejectedByResolveWithoutChanges() throws Exception {
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call()) {
            RepoState before = RepoState.capture(registry.gitDirectory());
            assertThrows(io.gitmodel.registry.errors.InvalidReferenceException.class, () -> registry.resolve("../x@v1"));
            assertThrows(InvalidNameException.class, () -> registry.versions("Fraud"));
            RepoState.assertUnchanged(before, registry.gitDirectory());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "a.b-c_d", "fraud", "9lives", "a-", "a_", "x.lock2", "v1", "latest"})
    void validEdgeNamesAreAccepted(String name) {
        assertEquals(name, ModelName.of(name).value());
        assertEquals(name, ModelName.of(name).toString());
    }

    @Test
    void hundredCharactersIsTheLimit() {
        String max = "a".repeat(ModelName.MAX_LENGTH);
        assertEquals(100, max.length());
        assertEquals(max, ModelName.of(max).value());
        assertThrows(InvalidNameException.class, () -> ModelName.of(max + "b"));
    }

    @Test
    void validEdgeNamesCanBeRegisteredAndResolved() throws Exception {
        Path artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
        String longest = "m".repeat(99) + "9";
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call()) {
            for (String name : new String[] {"a", "a.b-c_d", longest}) {
                ModelVersion v = registry.register(name).artifact(artifact).call();
                assertEquals(name + "@v1", v.ref().toString());
                assertEquals(v, registry.resolve(name + "@v1"));
                assertEquals(v, registry.resolve(name + "@latest"));
                String tag = env.git().git(registry.gitDirectory(), "--git-dir=" + registry.gitDirectory(),
                        "rev-parse", "--verify", "refs/tags/" + name + "@v1^{commit}").ok().stdout().strip();
                assertEquals(v.commit(), tag);
            }
            assertEquals(java.util.List.of(ModelName.of("a"), ModelName.of("a.b-c_d"), ModelName.of(longest)), registry.models());
            assertNotNull(registry.versions(longest));
        }
    }
}
