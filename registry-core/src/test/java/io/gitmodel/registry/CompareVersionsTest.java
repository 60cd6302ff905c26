package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.VersionDiff.Change;
import io.gitmodel.registry.VersionDiff.Kind;
import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** diff and compare: what changed between versions, and several side by side. */
@IsolatedGit
class CompareVersionsTest {
    Registry r;
    TestEnv env;

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        Path dir = env.dir();
        r = Registry.init(dir.resolve("reg")).bare(true).signed(false).config(env.config()).call();
        Path weights1 = Files.writeString(dir.resolve("w1.bin"), "weights one");
        Path weights2 = Files.writeString(dir.resolve("w2.bin"), "weights two, longer");
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "a b c");
        SourceCode src = new SourceCode("https://git.example.com/ml/fraud.git", "1111111111111111111111111111111111111111", false);
        r.register("fraud").artifact("model.bin", weights1).artifact("old.txt", vocab).metric("auc", 0.91).metric("loss", 0.30)
                .param("lr", 0.01).param("epochs", 10).tag("team", "risk").dataset("s3://data/nov", "sha256:" + "a".repeat(64))
                .source(src).modelCard("# Fraud\n\nTrained on November.\n").description("baseline").call();
        r.register("fraud").artifact("model.bin", weights2).artifact("vocab.txt", vocab).metric("auc", 0.94)
                .param("lr", 0.02).param("epochs", 10).param("batch", 64).dataset("s3://data/nov", "sha256:" + "b".repeat(64))
                .parent("fraud@v1").source(new SourceCode(src.repository(), "2222222222222222222222222222222222222222", true))
                .modelCard("# Fraud\n\nTrained on December.\n").description("retrained").call();
        r.register("fraud").artifact("model.bin", weights2).metric("auc", 0.93).metric("loss", 0.25).call();
    }

    @Test
    void diffNamesEveryChangedValueWithDeltas() throws Exception {
        VersionDiff d = r.diff("fraud@v1", "fraud@v2");
        assertEquals(List.of(new Change("metrics", "auc", 0.91, 0.94), new Change("metrics", "loss", 0.30, null)), d.section("metrics"));
        assertEquals(0.03, d.section("metrics").get(0).delta().orElseThrow(), "exact in decimal");
        assertEquals(Optional.empty(), d.section("metrics").get(1).delta());
        assertEquals(Kind.REMOVED, d.section("metrics").get(1).kind());
        assertEquals(List.of(new Change("params", "batch", null, 64L), new Change("params", "lr", 0.01, 0.02)), d.section("params"),
                "epochs is unchanged and left out");
        assertEquals(List.of(new Change("tags", "team", "risk", null)), d.section("tags"));
        assertEquals(List.of(new Change("description", "", "baseline", "retrained")), d.section("description"));
        assertEquals(List.of(new Change("datasets", "s3://data/nov", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64))),
                d.section("datasets"));
        assertEquals(List.of(new Change("parents", "fraud@v1", null, "fraud@v1")), d.section("parents"));
        assertEquals(List.of(new Change("source", "commit", "1".repeat(40), "2".repeat(40)), new Change("source", "dirty", false, true)),
                d.section("source"));
        assertEquals(List.of(), d.section("environment"), "same JVM, OS and libraries");

        assertEquals(List.of("model.bin", "old.txt", "vocab.txt"), d.artifacts().stream().map(a -> a.path().value()).toList());
        assertEquals(List.of(Kind.CHANGED, Kind.REMOVED, Kind.ADDED), d.artifacts().stream().map(VersionDiff.ArtifactChange::kind).toList());
        assertEquals(8, d.artifacts().get(0).sizeDelta());
        assertTrue(d.modelCard().contains("-Trained on November.\n+Trained on December.\n"), d.modelCard());
        assertTrue(d.modelCard().startsWith("--- a/models/fraud/README.md\tfraud@v1\n+++ b/models/fraud/README.md\tfraud@v2\n"),
                d.modelCard());
        assertFalse(d.isEmpty());
    }

    @Test
    void aVersionComparedWithItselfHasNoDifferences() throws Exception {
        VersionDiff d = r.diff("fraud@v2", "fraud@latest");
        assertEquals(List.of("vocab.txt"), d.artifacts().stream().map(a -> a.path().value()).toList(), "v3 has no vocab.txt");
        assertEquals("", d.modelCard(), "v3 carries v2's model card forward");
        VersionDiff same = r.diff("fraud@v3", "fraud@latest");
        assertTrue(same.isEmpty(), same.toString());
    }

    @Test
    void diffWithThePreviousVersion() throws Exception {
        VersionDiff d = r.diffWithPrevious("fraud@v3");
        assertEquals("fraud@v2", d.from().ref().toString());
        VersionNotFoundException first = assertThrows(VersionNotFoundException.class, () -> r.diffWithPrevious("fraud@v1"));
        assertTrue(first.getMessage().contains("first version of fraud"), first.getMessage());
    }

    @Test
    void compareMarksEachMetricsBestValue() throws Exception {
        Comparison c = r.compare(List.of("fraud@v1", "fraud@v2", "fraud@v3")).call();
        assertEquals(List.of("auc", "loss"), c.metrics());
        assertEquals(List.of("batch", "epochs", "lr"), c.params());
        assertTrue(c.isBest(1, "auc"), "the highest auc");
        assertTrue(c.isBest(2, "loss"), "a loss is better lower");
        assertEquals(java.util.Set.of("loss"), c.lowerIsBetter());
        assertEquals(Optional.empty(), c.metric(1, "loss"));

        Comparison flipped = r.compare(List.of("fraud@v1", "fraud@v2", "fraud@v3")).lowerIsBetter("auc").higherIsBetter("loss").call();
        assertTrue(flipped.isBest(0, "auc"));
        assertTrue(flipped.isBest(0, "loss"));
    }

    @Test
    void aMetricOnlyOneVersionHasOrEqualEverywhereHasNoBest() throws Exception {
        Comparison c = r.compare(List.of("fraud@v2", "fraud@v3")).call();
        assertFalse(c.best().containsKey("loss"), "only v3 has a loss");
        Comparison same = r.compare(List.of("fraud@v3", "fraud@latest")).call();
        assertEquals(java.util.Map.of(), same.best());
    }

    @Test
    void badReferencesAreRefusedBeforeAnythingIsRead() {
        assertThrows(InvalidInputException.class, () -> r.compare(List.of()));
        assertThrows(InvalidInputException.class, () -> r.compare(List.of("fraud@@v1")));
        assertThrows(VersionNotFoundException.class, () -> r.compare(List.of("fraud@v1", "fraud@v9")).call());
        assertThrows(VersionNotFoundException.class, () -> r.diff("fraud@v1", "fraud@v9"));
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        r.close();
    }
}
