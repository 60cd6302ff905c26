package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidNameException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Metrics, parameters and tags: what is rejected, and what comes back unchanged. */
@IsolatedGit
class MetadataValuesTest {
    TestEnv env;
    Registry registry;
    Path artifact;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        registry = Registry.init(env.dir().resolve("reg")).bare(true).config(env.config()).call();
        artifact = Files.writeString(env.dir().resolve("model.bin"), "weights");
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteMetricsAreRejectedAndNothingChanges(double value) throws Exception {
        registry.register("fraud").artifact(artifact).call();
        RepoState before = RepoState.capture(registry.gitDirectory());
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> registry.register("fraud").artifact(artifact).metric("auc", value).call());
        assertTrue(e.getMessage().contains("\"auc\""), e.getMessage());
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        assertTrue(e.getMessage().contains(Double.toString(value)), e.getMessage());
        InvalidValueException viaMap = assertThrows(InvalidValueException.class,
                () -> registry.register("fraud").metrics(Map.of("loss", value)));
        assertTrue(viaMap.getMessage().contains("\"loss\""), viaMap.getMessage());
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").param("lr", value));
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").param("lr", (float) value));
        RepoState.assertUnchanged(before, registry.gitDirectory());
    }

    /** An extension holds plain data that model.yaml can hold and read back; anything else is refused up front. */
    @Test
    void extensionValuesArePlainDataOrRefusedBeforeAnythingIsWritten() throws Exception {
        registry.register("fraud").artifact(artifact).call();
        RepoState before = RepoState.capture(registry.gitDirectory());
        for (Object bad : new Object[] {java.time.LocalDate.of(2026, 1, 1), Double.NaN, Map.of(1, "a"), List.of(new Object()),
                new BigDecimal("1e400"), "tab\u0000nul"}) {
            InvalidValueException e = assertThrows(InvalidValueException.class,
                    () -> registry.register("fraud").extension("x-bad", bad), String.valueOf(bad));
            assertTrue(e.getMessage().contains("x-bad"), e.getMessage());
        }
        RepoState.assertUnchanged(before, registry.gitDirectory());
        ModelVersion v = registry.register("fraud").artifact(artifact)
                .extension("x-ok", Map.of("n", 3, "d", new BigDecimal("0.5"), "list", List.of("a", true))).call();
        assertEquals(Map.of("n", 3L, "d", 0.5, "list", List.of("a", true)), v.extensions().get("x-ok"));
        assertEquals(v.extensions(), registry.resolve(v.ref()).extensions().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> normalise(e.getValue()))), "reads back as written");
    }

    /** YAML reads small whole numbers as Integer; the registered value holds Long. */
    private static Object normalise(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalise(x)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(MetadataValuesTest::normalise).toList();
        }
        return value;
    }

    @Test
    void hugeBigDecimalMetricIsRejected() {
        assertThrows(InvalidValueException.class,
                () -> registry.register("fraud").metrics(Map.of("x", new BigDecimal("1e400"))));
    }

    @Test
    void metricsAreReadBackAsDoubles() throws Exception {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("auc", 0.94);
        metrics.put("count", 12);
        metrics.put("big", 1e300);
        metrics.put("tiny", Double.MIN_VALUE);
        metrics.put("neg", -0.125);
        metrics.put("zero", -0.0);
        ModelVersion v = registry.register("fraud").artifact(artifact).metrics(metrics).call();
        ModelVersion read = registry.resolve("fraud@v1");
        assertEquals(v, read);
        assertEquals(Map.of("auc", 0.94, "count", 12.0, "big", 1e300, "tiny", Double.MIN_VALUE, "neg", -0.125, "zero", 0.0),
                read.metrics());
    }

    @Test
    void scalarParamsAreReadBackWithTheSameValue() throws Exception {
        Map<String, Object> params = new TreeMap<>();
        params.put("int", 42);
        params.put("negint", -7);
        params.put("long", Long.MAX_VALUE);
        params.put("minlong", Long.MIN_VALUE);
        params.put("double", 0.01);
        params.put("wholedouble", 3.0);
        params.put("bigdouble", 1.5e20);
        params.put("bool", true);
        params.put("boolfalse", false);
        params.put("string", "adam");
        params.put("empty", "");
        params.put("short", (short) 3);
        params.put("biginteger", BigInteger.valueOf(99));
        ModelVersion v = registry.register("fraud").artifact(artifact).params(params).call();
        ModelVersion read = registry.resolve("fraud@v1");
        assertEquals(v.params(), read.params());
        assertEquals(42L, read.params().get("int"));
        assertEquals(-7L, read.params().get("negint"));
        assertEquals(Long.MAX_VALUE, read.params().get("long"));
        assertEquals(Long.MIN_VALUE, read.params().get("minlong"));
        assertEquals(0.01, read.params().get("double"));
        assertEquals(3.0, read.params().get("wholedouble"));
        assertInstanceOf(Double.class, read.params().get("wholedouble"));
        assertEquals(1.5e20, read.params().get("bigdouble"));
        assertEquals(Boolean.TRUE, read.params().get("bool"));
        assertEquals(Boolean.FALSE, read.params().get("boolfalse"));
        assertEquals("adam", read.params().get("string"));
        assertEquals("", read.params().get("empty"));
        assertEquals(3L, read.params().get("short"));
        assertEquals(99L, read.params().get("biginteger"));
        assertEquals(v, read);
    }

    @Test
    void nonScalarParamsAreRejected() {
        InvalidValueException list = assertThrows(InvalidValueException.class,
                () -> registry.register("fraud").param("layers", List.of(1, 2)));
        assertTrue(list.getMessage().contains("\"layers\""), list.getMessage());
        assertTrue(list.getMessage().contains("scalar"), list.getMessage());
        InvalidValueException map = assertThrows(InvalidValueException.class,
                () -> registry.register("fraud").param("opt", Map.of("lr", 0.1)));
        assertTrue(map.getMessage().contains("\"opt\""), map.getMessage());
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").param("p", null));
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").param("p", new Object()));
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").param("p", 'c'));
        assertThrows(InvalidValueException.class,
                () -> registry.register("fraud").param("p", BigInteger.ONE.shiftLeft(70)));
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").params(Map.of("ok", 1, "bad", List.of())));
    }

    @Test
    void nonStringTagsAreRejected() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> MetadataRules.checkTag("team", 5));
        assertTrue(e.getMessage().contains("\"team\""), e.getMessage());
        assertTrue(e.getMessage().contains("string"), e.getMessage());
        assertThrows(InvalidValueException.class, () -> MetadataRules.checkTag("team", null));
        assertThrows(InvalidValueException.class, () -> MetadataRules.checkTag("team", List.of("a")));
        assertThrows(InvalidValueException.class, () -> MetadataRules.checkTag("team", true));
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").tag("team", null));
    }

    @Test
    void controlCharactersInTextValuesAreRejected() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> registry.register("fraud").tag("team", "risk\u0000"));
        assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").param("opt", "a\rb"));
        assertThrows(InvalidValueException.class, () -> registry.register("fraud").description("x\u001b[31m"));
        assertThrows(InvalidValueException.class,
                () -> registry.register("fraud").tag("big", "x".repeat(MetadataRules.MAX_TEXT_LENGTH + 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", ".x", "-x", "/x", "x\ny", "x=y", "x@y", "\u00e9", "x#", "x\u0000"})
    void invalidKeysAreRejected(String key) {
        InvalidNameException metric = assertThrows(InvalidNameException.class, () -> registry.register("fraud").metric(key, 1));
        assertEquals(key, metric.name());
        assertTrue(metric.getMessage().startsWith("metric name \""), metric.getMessage());
        InvalidNameException param = assertThrows(InvalidNameException.class, () -> registry.register("fraud").param(key, 1));
        assertTrue(param.getMessage().startsWith("parameter name \""), param.getMessage());
        InvalidNameException tag = assertThrows(InvalidNameException.class, () -> registry.register("fraud").tag(key, "v"));
        assertTrue(tag.getMessage().startsWith("tag name \""), tag.getMessage());
    }

    @Test
    void keyLengthLimit() throws Exception {
        String longest = "k".repeat(MetadataRules.MAX_KEY_LENGTH);
        assertThrows(InvalidNameException.class, () -> registry.register("fraud").metric(longest + "k", 1));
        ModelVersion v = registry.register("fraud").artifact(artifact).metric(longest, 1).param("a.b:c/d-e_f", 2)
                .tag("_x", "y").call();
        assertEquals(Map.of(longest, 1.0), registry.resolve("fraud@v1").metrics());
        assertEquals(v, registry.resolve("fraud@v1"));
    }

    @Test
    void keysThatLookLikeOtherYamlTypesRoundTrip() throws Exception {
        RegisterCommand command = registry.register("fraud").artifact(artifact);
        List<String> keys = List.of("123", "1e3", "null", "true", "yes", "No", "on", "0x1F", "0o17", "0b101", "2026-01-01", "1_000",
                "12:30", "a:b", "a/b", "y", "_", "1.5", "NaN", "inf");
        for (String key : keys) {
            command.metric(key, 1.0).param(key, key).tag(key, key);
        }
        ModelVersion v = command.call();
        ModelVersion read = registry.resolve("fraud@v1");
        assertEquals(v, read);
        for (String key : keys) {
            assertEquals(1.0, read.metrics().get(key), key);
            assertEquals(key, read.params().get(key), key);
            assertEquals(key, read.tags().get(key), key);
        }
    }

    @Test
    void nullKeyIsRejected() {
        assertThrows(InvalidNameException.class, () -> registry.register("fraud").metric(null, 1));
    }

    @Test
    void rejectedValueLeavesTheRegistryUnchanged() throws Exception {
        registry.register("fraud").artifact(artifact).call();
        RepoState before = RepoState.capture(registry.gitDirectory());
        RegisterCommand command = registry.register("fraud").artifact(artifact).metric("auc", 0.9);
        assertThrows(InvalidValueException.class, () -> command.param("layers", List.of(1)));
        assertThrows(InvalidNameException.class, () -> command.tag("bad key", "x"));
        RepoState.assertUnchanged(before, registry.gitDirectory());
    }
}
