package io.gitmodel.registry.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.CorruptMetadataException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile YAML is rejected with {@link CorruptMetadataException} naming the file, before it becomes objects. */
class SafeYamlTest {
    private static final String FILE = "fraud@v1:models/fraud/model.yaml";

    static final String BILLION_LAUGHS = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;

    static String nested(int levels) {
        return "a: " + "[".repeat(levels) + "]".repeat(levels) + "\n";
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("billion laughs", BILLION_LAUGHS, "anchor or alias"),
                Arguments.of("anchor on a scalar", "name: &n fraud\n", "anchor or alias"),
                Arguments.of("anchor and alias", "a: &x 1\nb: *x\n", "anchor or alias"),
                Arguments.of("alias of an undefined anchor", "b: *x\n", "alias"),
                Arguments.of("anchor on a mapping", "a: &m {k: v}\n", "anchor or alias"),
                Arguments.of("merge key", "base: &b {x: 1}\nderived:\n  <<: *b\n", "anchor or alias"),
                Arguments.of("java type tag", "x: !!java.lang.Runtime {}\n", "explicit YAML tag"),
                Arguments.of("java type tag on a scalar", "x: !!javax.script.ScriptEngineManager foo\n", "explicit YAML tag"),
                Arguments.of("binary tag", "x: !!binary aGVsbG8=\n", "explicit YAML tag"),
                Arguments.of("local tag on a mapping", "x: !custom {a: 1}\n", "explicit YAML tag"),
                Arguments.of("local tag on a sequence", "x: !custom [1]\n", "explicit YAML tag"),
                Arguments.of("str tag", "x: !!str 1\n", "explicit YAML tag"),
                Arguments.of("tag on the document", "!!map {a: 1}\n", "explicit YAML tag"),
                Arguments.of("verbatim tag", "x: !<tag:yaml.org,2002:int> 1\n", "explicit YAML tag"),
                Arguments.of("too deep", nested(SafeYaml.MAX_DEPTH), "nested more than 32"),
                Arguments.of("very deep", nested(100_000), "nested more than 32"),
                Arguments.of("too deep in block style", blockNested(40), "nested more than 32"),
                Arguments.of("duplicate key", "name: a\nname: b\n", "not valid YAML"),
                Arguments.of("nested duplicate key", "m:\n  k: 1\n  k: 2\n", "not valid YAML"),
                Arguments.of("sequence at top level", "- a\n- b\n", "not a YAML mapping"),
                Arguments.of("scalar at top level", "just text\n", "not a YAML mapping"),
                Arguments.of("empty document", "", "not a YAML mapping"),
                Arguments.of("comment only", "# nothing\n", "not a YAML mapping"),
                Arguments.of("null document", "~\n", "not a YAML mapping"),
                Arguments.of("integer key", "1: a\n", "non-string key"),
                Arguments.of("null key", "? ~\n: a\n", "non-string key"),
                Arguments.of("complex key", "? [a, b]\n: c\n", "non-string key"),
                Arguments.of("syntax error", "a: [1, 2\n", "not valid YAML"),
                Arguments.of("two documents", "a: 1\n---\nb: 2\n", "not valid YAML"),
                Arguments.of("bad indentation", "a:\n  b: 1\n c: 2\n", "not valid YAML"));
    }

    static String blockNested(int levels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            b.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        b.append("  ".repeat(levels)).append("leaf: 1\n");
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileYamlIsRejectedByLoadMap(String what, String text, String reason) {
        CorruptMetadataException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(CorruptMetadataException.class, () -> SafeYaml.loadMap(text, FILE)));
        assertEquals(FILE, e.file());
        assertTrue(e.getMessage().startsWith(FILE), e.getMessage());
        assertTrue(e.getMessage().contains(reason), () -> "message should say " + reason + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileYamlIsRejectedByModelYaml(String what, String text, String reason) {
        CorruptMetadataException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(CorruptMetadataException.class, () -> ModelYaml.read(text, FILE, "0".repeat(40))));
        assertEquals(FILE, e.file());
        assertTrue(e.getMessage().contains(reason), () -> "message should say " + reason + ": " + e.getMessage());
    }

    @Test
    void depthLimitIsExactly32() throws Exception {
        // the top-level mapping is level 1
        Map<String, Object> ok = SafeYaml.loadMap(nested(SafeYaml.MAX_DEPTH - 1), FILE);
        Object inner = ok.get("a");
        int depth = 1;
        while (inner instanceof List<?> list) {
            depth++;
            inner = list.isEmpty() ? null : list.get(0);
        }
        assertEquals(SafeYaml.MAX_DEPTH, depth);
        assertThrows(CorruptMetadataException.class, () -> SafeYaml.loadMap(nested(SafeYaml.MAX_DEPTH), FILE));
    }

    @Test
    void siblingCollectionsDoNotAddUpToTheDepth() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("k").append(i).append(": {a: [1, {b: 2}]}\n");
        }
        assertEquals(200, SafeYaml.loadMap(text.toString(), FILE).size());
    }

    @Test
    void documentOverOneMebibyteIsRejected() {
        String big = "a: \"" + "x".repeat(SafeYaml.MAX_CHARS) + "\"\n";
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> SafeYaml.loadMap(big, FILE));
        assertEquals(FILE, e.file());
        assertTrue(e.getMessage().contains("limit is " + SafeYaml.MAX_CHARS), e.getMessage());
        assertThrows(CorruptMetadataException.class, () -> ModelYaml.read(big, FILE, "0".repeat(40)));
    }

    @Test
    void manySmallKeysOverOneMebibyteAreRejected() {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (text.length() <= SafeYaml.MAX_CHARS) {
            text.append("key").append(i++).append(": value\n");
        }
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> SafeYaml.loadMap(text.toString(), FILE));
        assertEquals(FILE, e.file());
    }

    @Test
    void plainDocumentJustUnderTheLimitIsAccepted() throws Exception {
        String text = "a: " + "x".repeat(SafeYaml.MAX_CHARS - 10) + "\n";
        assertTrue(text.length() <= SafeYaml.MAX_CHARS);
        assertEquals(SafeYaml.MAX_CHARS - 10, ((String) SafeYaml.loadMap(text, FILE).get("a")).length());
    }

    @Test
    void coreSchemaScalars() throws Exception {
        Map<String, Object> m = SafeYaml.loadMap("""
                i: 42
                f: 0.5
                b: true
                s: yes
                n: null
                d: 2026-01-01
                o: 0o17
                q: "1"
                """, FILE);
        assertEquals(42, m.get("i"));
        assertEquals(0.5, m.get("f"));
        assertEquals(true, m.get("b"));
        assertEquals("yes", m.get("s"), "YAML 1.2: yes is a string");
        assertEquals(null, m.get("n"));
        assertTrue(m.containsKey("n"));
        assertEquals("2026-01-01", m.get("d"), "no timestamp type");
        assertEquals(15, m.get("o"));
        assertEquals("1", m.get("q"));
    }

    @Test
    void dumpQuotesYaml11LookAlikesAndRoundTrips() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        String[] strings = {"yes", "no", "on", "off", "y", "n", "Y", "True", "NULL", "~", "null", "0.5", "1e3", "2026-01-01",
                "0x1F", "0o17", "017", ".inf", "-.inf", ".NaN", "12:30", "1_000", "", " lead", "trail ", "#x", "a: b", "- x",
                "[x]", "{y}", "'q'", "\"dq\"", "@at", "`bt", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "?",
                "-", "---", "...", "multi\nline", "tab\there", "ends with newline\n", "\n", "  indented\nx", "trailing \nspace",
                "\u00e9t\u00e9 \u2603", "-5", "+1", ".5", "1.", "0"};
        for (int i = 0; i < strings.length; i++) {
            doc.put("k" + i, strings[i]);
        }
        String text = SafeYaml.dump(doc);
        Map<String, Object> back = SafeYaml.loadMap(text, FILE);
        for (int i = 0; i < strings.length; i++) {
            assertEquals(strings[i], back.get("k" + i), "string " + i + " in:\n" + text);
        }
        assertTrue(text.contains("k0: \"yes\"\n"), text);
        assertTrue(text.contains("k2: \"on\"\n"), text);
        assertTrue(text.contains("k13: \"2026-01-01\"\n"), text);
    }

    /** Strings the writer once wrote in a form it could not read back (a block with leading empty lines, NEL, LS, PS). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\n", "\n\n", " \n", "\nx", "\n  x\ny", "a\u0085b", "\u0085",
        "a\u2028", "\u2028", "x\u2029y", "\uFEFFbom", "line\n\u0085next"})
    void everyStringTheWriterWritesReadsBackTheSameAtAnyDepth(String text) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("top", text);
        doc.put("nested", Map.of("deeper", Map.of("t", text)));
        doc.put("list", List.of(text, Map.of("k", text)));
        Map<String, Object> back = SafeYaml.loadMap(SafeYaml.dump(doc), FILE);
        assertEquals(doc, back, SafeYaml.dump(doc));
    }
}
