package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gitmodel.registry.LineageGraph.Edge;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lineage up and down through parent models, and the versions trained on a data set. */
@IsolatedGit
class LineageTest {
    static final String NOV = "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String DEC = "sha256:" + "b".repeat(64);
    Registry r;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        r = Registry.init(env.dir().resolve("reg")).bare(true).signed(false).config(env.config()).call();
        Path w = Files.writeString(env.dir().resolve("w.bin"), "w");
        r.register("embedder").artifact(w).dataset("s3://data/nov", NOV).call();                          // embedder@v1
        r.register("fraud").artifact(w).dataset("s3://data/nov", NOV).parent("embedder@v1").call();       // fraud@v1
        r.register("fraud").artifact(w).dataset("s3://data/dec", DEC).parent("fraud@v1").parent("embedder@v1").call(); // fraud@v2
        r.register("fraud-eu").artifact(w).parent("fraud@v2").call();                                     // fraud-eu@v1
        r.register("ranker").artifact(w).call();                                                          // unrelated
        r.promote("fraud@v2", "staging").reason("eval").call();
    }

    @AfterEach
    void tearDown() {
        r.close();
    }

    private static List<String> refs(List<ModelVersion> versions) {
        return versions.stream().map(v -> v.ref().toString()).toList();
    }

    @Test
    void upstreamAndDownstreamAreFollowedRecursively() throws Exception {
        LineageGraph g = r.lineage("fraud@v2");
        assertEquals(List.of("fraud@v1", "embedder@v1"), refs(g.upstream()), "nearest first, each once");
        assertEquals(List.of("fraud-eu@v1"), refs(g.downstream()));
        assertEquals(Set.of(new Edge(ModelRef.parse("fraud@v1"), ModelRef.parse("fraud@v2")),
                new Edge(ModelRef.parse("embedder@v1"), ModelRef.parse("fraud@v2")),
                new Edge(ModelRef.parse("embedder@v1"), ModelRef.parse("fraud@v1")),
                new Edge(ModelRef.parse("fraud@v2"), ModelRef.parse("fraud-eu@v1"))), Set.copyOf(g.edges()));
        assertEquals(4, g.edges().size(), "no edge twice");
        assertEquals(List.of(), g.missing());

        LineageGraph base = r.lineage("embedder@latest");
        assertEquals(List.of(), base.upstream());
        assertEquals(List.of("fraud@v1", "fraud@v2", "fraud-eu@v1"), refs(base.downstream()));
        assertEquals(List.of(ModelRef.parse("fraud@v1"), ModelRef.parse("fraud@v2")), base.children(ModelRef.parse("embedder@v1")));
    }

    @Test
    void aDeletedParentIsReportedMissing() throws Exception {
        r.delete("fraud-eu@v1").call();
        r.register("fraud-eu").artifact(Files.writeString(Files.createTempFile("w", ".bin"), "x")).parent("ranker@v1").call();
        r.delete("ranker@v1").call();
        LineageGraph g = r.lineage("fraud-eu@v2");
        assertEquals(List.of(ModelRef.parse("ranker@v1")), g.missing());
        assertEquals(List.of(), g.upstream());
    }

    @Test
    void whereUsedFindsEveryVersionTrainedOnADataSet() throws Exception {
        assertEquals(List.of("embedder@v1", "fraud@v1"), refs(r.whereUsed("s3://data/nov").stream().map(DatasetUse::version).toList()));
        assertEquals(List.of("embedder@v1", "fraud@v1"), refs(r.whereUsed(NOV).stream().map(DatasetUse::version).toList()));
        assertEquals(List.of("embedder@v1", "fraud@v1"),
                refs(r.whereUsed(NOV.substring(7, 19)).stream().map(DatasetUse::version).toList()), "12 hex digits");
        List<DatasetUse> dec = r.whereUsed("s3://data/dec");
        assertEquals(Set.of(StageName.of("staging")), dec.get(0).stages());
        assertEquals(DEC, dec.get(0).dataset().digest());
        assertEquals(List.of(), r.whereUsed("s3://data/nothing"));
        assertEquals(List.of(), r.whereUsed("9f86d0"), "too short a prefix to be a digest, and no such URI");
        assertThrows(InvalidValueException.class, () -> r.whereUsed(" "));
    }
}
