package io.gitmodel.registry.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.ArtifactPath;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.Environment;
import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.SourceCode;
import io.gitmodel.registry.errors.CorruptMetadataException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** model.yaml: lossless round trip, forward compatibility, and strings that look like other types. */
class ModelYamlTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String FILE = "fraud@v3:models/fraud/model.yaml";
    private static final String OID = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static ModelVersion everything() {
        Map<String, Double> metrics = new TreeMap<>(Map.of("auc", 0.94, "loss", 1.0e-7, "n", 12.0, "neg", -3.5));
        Map<String, Object> params = new TreeMap<>();
        params.put("lr", 0.01);
        params.put("epochs", 10L);
        params.put("big", Long.MAX_VALUE);
        params.put("shuffle", true);
        params.put("optimizer", "adam");
        params.put("yes", "yes");
        params.put("no", "no");
        params.put("on", "on");
        params.put("null", "null");
        params.put("half", "0.5");
        params.put("thousand", "1e3");
        params.put("date", "2026-01-01");
        params.put("empty", "");
        Map<String, String> tags = new TreeMap<>(Map.of("team", "risk", "yes", "yes", "no", "no", "on", "on",
                "null", "null", "half", "0.5", "thousand", "1e3", "date", "2026-01-01", "tilde", "~", "bool", "true"));
        Map<String, Object> lineageExtra = new LinkedHashMap<>();
        lineageExtra.put("training_run", Map.of("id", 42, "steps", List.of(1, 2, 3)));
        Lineage lineage = new Lineage(
                List.of(new Dataset("s3://data/train-2026-11", "sha256:" + OID), Dataset.of("hdfs://warehouse/eval")),
                new SourceCode("https://github.com/acme/fraud.git", "fedcba9876543210fedcba9876543210fedcba98", true),
                List.of(ModelRef.parse("base@v2"), ModelRef.parse("other@v1")),
                new Environment("Java 17.0.15 (Debian)", "Linux 6.1", "amd64", Map.of("git-model", "0.1.0", "onnx", "1.16")),
                lineageExtra);
        List<Artifact> artifacts = List.of(
                new Artifact(ArtifactPath.of("model.onnx"), Sha256.parse(OID), 1234, "application/onnx"),
                new Artifact(ArtifactPath.of("config/params.json"), Sha256.parse("sha256:" + "ab".repeat(32)), 0, "application/json"));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("x_future", Map.of("nested", Map.of("deep", List.of("a", Map.of("b", "c")))));
        extensions.put("x_list", List.of(1, "two", 3.5, true));
        return new ModelVersion(ModelName.of("fraud"), 3, COMMIT,
                "Gradient boosted trees.\nSecond line: with a colon\n\n  indented third\n", Instant.parse("2026-03-14T10:00:01.123Z"),
                io.gitmodel.registry.Person.parse("Ada Tester <ada@example.com>"), metrics, params, tags, lineage, artifacts, extensions);
    }

    @Test
    void roundTripOfAVersionWithEveryField() throws Exception {
        ModelVersion v = everything();
        String text = ModelYaml.write(v);
        ModelVersion back = ModelYaml.read(text, FILE, COMMIT);
        assertEquals(v, back, text);
        assertEquals(text, ModelYaml.write(back), "writing is deterministic");
        assertEquals(v.description(), back.description());
        assertEquals(Instant.parse("2026-03-14T10:00:01.123Z"), back.created());
        assertEquals(COMMIT, back.commit());
    }

    @Test
    void keysAreWrittenInFormatOrder() {
        String text = ModelYaml.write(everything());
        List<String> topLevel = text.lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("-"))
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("name", "version", "description", "created", "created_by", "metrics", "params", "tags", "lineage",
                "artifacts", "x_future", "x_list"), topLevel);
    }

    @Test
    void writtenFileIsReadableByAPlainYamlReader() {
        ModelVersion v = everything();
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(ModelYaml.write(v));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) doc;
        assertEquals("fraud", map.get("name"));
        assertEquals(3, map.get("version"));
        assertEquals("2026-03-14T10:00:01.123Z", map.get("created"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tags = (Map<String, Object>) map.get("tags");
        assertEquals("yes", tags.get("yes"));
        assertEquals("true", tags.get("bool"));
        assertEquals("0.5", tags.get("half"));
    }

    @Test
    void stringsThatLookLikeOtherTypesStayStrings() throws Exception {
        ModelVersion back = ModelYaml.read(ModelYaml.write(everything()), FILE, COMMIT);
        for (String s : List.of("yes", "no", "on", "null")) {
            assertEquals(s, back.tags().get(s));
            assertEquals(s, back.params().get(s));
        }
        assertEquals("0.5", back.tags().get("half"));
        assertEquals("0.5", back.params().get("half"));
        assertEquals("1e3", back.tags().get("thousand"));
        assertEquals("1e3", back.params().get("thousand"));
        assertEquals("2026-01-01", back.tags().get("date"));
        assertEquals("2026-01-01", back.params().get("date"));
        assertEquals("~", back.tags().get("tilde"));
        assertEquals("true", back.tags().get("bool"));
        assertEquals("", back.params().get("empty"));
        assertEquals(0.01, back.params().get("lr"));
        assertEquals(10L, back.params().get("epochs"));
        assertEquals(Long.MAX_VALUE, back.params().get("big"));
        assertEquals(true, back.params().get("shuffle"));
    }

    @Test
    void multiLineDescriptionSurvives() throws Exception {
        ModelVersion v = everything();
        for (String description : List.of("one line", "two\nlines", "trailing newline\n", "  leading spaces\nx",
                "trailing spaces   \nnext", "tab\tinside\n\tand indented", "\n\nstarts with blank lines", "ends with blank lines\n\n\n",
                "# not a comment\n- not a list\nkey: not a map", "unicode \u00e9\u2603\ud83d\ude00\nline")) {
            ModelVersion d = new ModelVersion(v.name(), v.version(), v.commit(), description, v.created(), v.createdBy(),
                    v.metrics(), v.params(), v.tags(), v.lineage(), v.artifacts(), v.extensions());
            String text = ModelYaml.write(d);
            assertEquals(description, ModelYaml.read(text, FILE, COMMIT).description(), text);
        }
    }

    static final String FUTURE = """
            name: fraud
            version: 3
            created: 2026-03-14T10:00:00Z
            created_by: Ada Tester <ada@example.com>
            metrics: {auc: 0.9}
            params: {}
            tags: {}
            lineage:
              datasets: []
              parents: []
              training_run:
                id: run-42
                hosts: [gpu1, gpu2]
                config: {seed: 7, schedule: [{epoch: 1, lr: 0.1}, {epoch: 2, lr: 0.01}]}
              approved: true
            artifacts: []
            signatures:
              - {kind: sigstore, bundle: abc}
              - {kind: gpg, key: "0xDEADBEEF"}
            governance:
              risk: high
              reviewers: [alice, bob]
              thresholds: {auc: 0.9, nested: {deeper: [1, [2, [3]]]}}
            x_empty: null
            x_quoted: "yes"
            """;

    @Test
    void unknownKeysSurviveReadWriteRead() throws Exception {
        ModelVersion first = ModelYaml.read(FUTURE, FILE, COMMIT);
        assertEquals(List.of("signatures", "governance", "x_empty", "x_quoted"), List.copyOf(first.extensions().keySet()));
        assertEquals(List.of("training_run", "approved"), List.copyOf(first.lineage().extensions().keySet()));

        String written = ModelYaml.write(first);
        ModelVersion second = ModelYaml.read(written, FILE, COMMIT);
        assertEquals(first, second, written);
        assertEquals(written, ModelYaml.write(second));

        @SuppressWarnings("unchecked")
        Map<String, Object> governance = (Map<String, Object>) second.extensions().get("governance");
        assertEquals(List.of("alice", "bob"), governance.get("reviewers"));
        assertEquals(Map.of("auc", 0.9, "nested", Map.of("deeper", List.of(1, List.of(2, List.of(3))))), governance.get("thresholds"));
        assertEquals(List.of(Map.of("kind", "sigstore", "bundle", "abc"), Map.of("kind", "gpg", "key", "0xDEADBEEF")),
                second.extensions().get("signatures"));
        assertTrue(second.extensions().containsKey("x_empty"));
        assertNull(second.extensions().get("x_empty"));
        assertEquals("yes", second.extensions().get("x_quoted"));
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) second.lineage().extensions().get("training_run");
        assertEquals("run-42", run.get("id"));
        assertEquals(List.of("gpu1", "gpu2"), run.get("hosts"));
        assertEquals(Map.of("seed", 7, "schedule", List.of(Map.of("epoch", 1, "lr", 0.1), Map.of("epoch", 2, "lr", 0.01))),
                run.get("config"));
        assertEquals(true, second.lineage().extensions().get("approved"));

        // and unknown keys stay in the lineage mapping, not at top level
        Map<String, Object> doc = SafeYaml.loadMap(written, FILE);
        @SuppressWarnings("unchecked")
        Map<String, Object> lineage = (Map<String, Object>) doc.get("lineage");
        assertTrue(lineage.containsKey("training_run"), written);
        assertFalse(doc.containsKey("training_run"), written);
    }

    @Test
    void extensionsAreImmutable() throws Exception {
        ModelVersion v = ModelYaml.read(FUTURE, FILE, COMMIT);
        assertThrows(UnsupportedOperationException.class, () -> v.extensions().put("x", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> governance = (Map<String, Object>) v.extensions().get("governance");
        assertThrows(UnsupportedOperationException.class, () -> governance.put("x", 1));
        @SuppressWarnings("unchecked")
        List<Object> reviewers = (List<Object>) governance.get("reviewers");
        assertThrows(UnsupportedOperationException.class, () -> reviewers.add("mallory"));
    }

    @Test
    void minimalFileReadsWithDefaults() throws Exception {
        ModelVersion v = ModelYaml.read("name: fraud\nversion: 1\ncreated: 2026-03-14T10:00:00Z\ncreated_by: A <a@b>\n", FILE, COMMIT);
        assertEquals("", v.description());
        assertEquals(Map.of(), v.metrics());
        assertEquals(List.of(), v.artifacts());
        assertEquals(Lineage.empty(), v.lineage());
    }

    static Stream<Arguments> invalidContent() {
        String head = "name: fraud\nversion: 3\ncreated: 2026-03-14T10:00:00Z\ncreated_by: A <a@b>\n";
        return Stream.of(
                Arguments.of("name: fraud\nversion: 3\ncreated: 2026-03-14T10:00:00Z\n", "created_by"),
                Arguments.of("version: 3\ncreated: 2026-03-14T10:00:00Z\ncreated_by: x\n", "'name' is missing"),
                Arguments.of("name: Fraud\nversion: 3\ncreated: 2026-03-14T10:00:00Z\ncreated_by: x\n", "Fraud"),
                Arguments.of("name: ../evil\nversion: 3\ncreated: 2026-03-14T10:00:00Z\ncreated_by: x\n", "../evil"),
                Arguments.of("name: fraud\nversion: \"3\"\ncreated: 2026-03-14T10:00:00Z\ncreated_by: x\n", "'version'"),
                Arguments.of("name: fraud\nversion: 0\ncreated: 2026-03-14T10:00:00Z\ncreated_by: x\n", "version"),
                Arguments.of("name: fraud\nversion: -1\ncreated: 2026-03-14T10:00:00Z\ncreated_by: x\n", "'version'"),
                Arguments.of("name: fraud\nversion: 99999999999999999999\ncreated: 2026-03-14T10:00:00Z\ncreated_by: x\n", "too large"),
                Arguments.of("name: fraud\nversion: 3\ncreated: yesterday\ncreated_by: x\n", "yesterday"),
                Arguments.of(head + "metrics: {auc: .nan}\n", "auc"),
                Arguments.of(head + "metrics: {auc: .inf}\n", "auc"),
                Arguments.of(head + "metrics: {auc: high}\n", "auc"),
                Arguments.of(head + "metrics: [1, 2]\n", "'metrics'"),
                Arguments.of(head + "metrics: {1: 0.5}\n", "'metrics'"),
                Arguments.of(head + "params: {layers: [1, 2]}\n", "layers"),
                Arguments.of(head + "params: {opt: {lr: 1}}\n", "opt"),
                Arguments.of(head + "params: {p: null}\n", "\"p\""),
                Arguments.of(head + "tags: {team: 5}\n", "team"),
                Arguments.of(head + "tags: {\"bad key\": x}\n", "bad key"),
                Arguments.of(head + "lineage: [1]\n", "'lineage'"),
                Arguments.of(head + "lineage: {parents: [Fraud@v1]}\n", "Fraud@v1"),
                Arguments.of(head + "lineage: {parents: [1]}\n", "'parents'"),
                Arguments.of(head + "lineage: {datasets: [{digest: 'sha256:ab'}]}\n", "'uri'"),
                Arguments.of(head + "lineage: {datasets: [{uri: s3://x, digest: nope}]}\n", "nope"),
                Arguments.of(head + "lineage: {code: {commit: abc, dirty: maybe}}\n", "'dirty'"),
                Arguments.of(head + "lineage: {code: {repository: x}}\n", "'commit'"),
                Arguments.of(head + "artifacts: [{path: ../x, oid: 'sha256:" + OID + "', size: 1}]\n", "../x"),
                Arguments.of(head + "artifacts: [{path: .git/config, oid: 'sha256:" + OID + "', size: 1}]\n", ".git/config"),
                Arguments.of(head + "artifacts: [{path: a, oid: 'sha256:XYZ', size: 1}]\n", "XYZ"),
                Arguments.of(head + "artifacts: [{path: a, oid: 'sha256:" + OID + "', size: -1}]\n", "'size'"),
                Arguments.of(head + "artifacts: [{path: a, oid: 'sha256:" + OID + "'}]\n", "'size' is missing"),
                Arguments.of(head + "artifacts: [{path: a, oid: 'sha256:" + OID + "', size: 1, media_type: 5}]\n", "'media_type'"),
                Arguments.of(head + "artifacts: {a: 1}\n", "'artifacts'"),
                Arguments.of(head + "artifacts: [a]\n", "'artifacts'"));
    }

    @ParameterizedTest
    @MethodSource("invalidContent")
    void invalidContentIsCorruptMetadataNamingTheFileAndTheProblem(String text, String fragment) {
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> ModelYaml.read(text, FILE, COMMIT));
        assertTrue(e.file().startsWith(FILE), e.file());
        assertTrue(e.getMessage().startsWith(FILE), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "message should contain " + fragment + ": " + e.getMessage());
    }

    /** CorruptMetadataException.file() is documented as {@code <revision>:<path>}, usable with git show. */
    @ParameterizedTest
    @MethodSource("invalidContent")
    void fileOfTheExceptionIsExactlyRevisionColonPath(String text, String fragment) {
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> ModelYaml.read(text, FILE, COMMIT));
        assertEquals(FILE, e.file());
    }
}
