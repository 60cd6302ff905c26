package io.gitmodel.registry.internal.policy.expr;

import static io.gitmodel.registry.internal.policy.expr.Fixtures.COMMIT;
import static io.gitmodel.registry.internal.policy.expr.Fixtures.DIGEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What expressions mean: every operator on every field, missing values (unknown, so never true,
 * NOT included), numbers written as text, lists and {@code []}, instants, precedence.
 * {@link Fixtures#full()} is fraud@v3 with every field set; {@link Fixtures#bare()} is ranker@v1 with
 * nothing optional.
 */
class ExpressionSemanticsTest {
    static boolean holds(String expression, Subject subject) {
        return Expression.parse(expression).test(subject);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // metrics: numbers, every operator
        "metrics.auc = 0.87", "metrics.auc == 0.87", "metrics.auc != 0.9", "metrics.auc <> 0.9", "metrics.auc < 0.9",
        "metrics.auc <= 0.87", "metrics.auc > 0.5", "metrics.auc >= 0.87", "metrics.auc = '0.87'", "metrics.auc = 8.7e-1",
        "metrics.auc IN (0.5, 0.87)", "metrics.auc NOT IN (0.5, 0.9)", "metrics.auc IS NOT NULL", "metrics.f1 IS NULL",
        "metrics.\"auc\" = 0.87", "metrics.`auc` = 0.87",
        // params: as stored (integer, float, text, boolean, text that reads as a number)
        "params.epochs = 20", "params.epochs = 20.0", "params.epochs >= 10.5", "params.epochs = '20'", "params.lr < 0.1",
        "params.lr = 0.01", "params.optimizer = 'adam'", "params.optimizer != 'sgd'", "params.optimizer LIKE 'ad%'",
        "params.early_stop = true", "params.early_stop = 'true'", "params.early_stop != false", "params.seed = 42",
        "params.seed > 41.5", "params.seed = '42'", "params.epochs LIKE '2_'", "params.optimizer IN ('sgd', 'adam')",
        // tags: text; text that reads as a number meets numbers
        "tags.team = 'fraud'", "tags.team = \"fraud\"", "tags.team != 'risk'", "tags.generation = 2", "tags.generation = 2.0",
        "tags.generation >= 1.5", "tags.generation = '2'", "tags.generation IN (1, 2)", "tags.team ILIKE 'FRAUD'",
        "tags.note LIKE '50\\% off'", "tags.note LIKE '50% off'", "tags.note LIKE '__\\%%'", "tags.team NOT LIKE 'r%'",
        "tags.team NOT ILIKE 'R%'", "tags.team NOT IN ('risk', 'ops')",
        // the version's own fields
        "name = 'fraud'", "name IN ('fraud', 'ranker')", "name LIKE 'fr%'", "version = 3", "version >= 3", "version < 4",
        "version = '3'", "created = '2026-03-14T10:00:00Z'", "created = '2026-03-14T11:00+01:00'", "created >= '2026-03-14'",
        "created < '2026-03-15'", "created > '2026-03-14T09:59:59Z'", "created != '2026-03-14'",
        "created IN ('2026-01-01', '2026-03-14T10:00Z')", "created_by = 'Ada Lovelace <ada@example.com>'",
        "created_by LIKE '%<ada@example.com>'", "description LIKE '%November%'", "description IS NOT NULL",
        // stage: the set of stages the version is in now
        "stage = 'staging'", "stage == 'shadow'", "stage != 'production'", "stage IN ('production', 'staging')",
        "stage NOT IN ('production', 'archived')", "stage != []", "stage LIKE 'sha%'", "stage NOT LIKE 'prod%'",
        // lineage
        "lineage.datasets != []", "lineage.datasets = 's3://data/eval'", "lineage.datasets LIKE 's3://data/train-%'",
        "lineage.datasets IN ('s3://x', 's3://data/eval')", "lineage.datasets.digest = '" + DIGEST + "'",
        "lineage.datasets.digest LIKE 'sha256:%'", "lineage.datasets.digest IS NULL", "lineage.parents = 'fraud@v2'",
        "lineage.parents != []", "lineage.parents != 'fraud@v1'",
        // source code, model card, artifacts
        "source.repository LIKE '%acme%'", "source.commit = '" + COMMIT + "'", "source.dirty = false", "source.dirty != true",
        "source.dirty IN (false)", "source.dirty IS NOT NULL", "model_card = true", "artifacts = 'model.onnx'",
        "artifacts LIKE '%.json'", "artifacts.count = 2", "artifacts.size = 1024", "artifacts.size < 1e6",
        "artifacts NOT IN ('weights.bin')",
        // logic
        "metrics.auc > 0.5 AND tags.team = 'fraud'", "metrics.auc > 0.9 OR tags.team = 'fraud'", "NOT metrics.auc > 0.9",
        "NOT (metrics.auc > 0.9 OR tags.team = 'risk')", "metrics.f1 > 0.9 OR version = 3"})
    void holdsForTheFullVersion(String expression) {
        assertTrue(holds(expression, Fixtures.fullSubject()), expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "metrics.auc >= 0.9", "metrics.auc = 0.9", "metrics.auc > 0.87", "metrics.auc < 0.87", "metrics.auc != 0.87",
        "metrics.auc IS NULL", "metrics.auc IN (0.9)", "metrics.auc NOT IN (0.87)",
        "params.epochs = '20.0'", "params.early_stop = false", "params.optimizer = 'sgd'", "params.optimizer > 1",
        "params.optimizer LIKE 'AD%'", "params.seed < 42",
        "tags.team = 'Fraud'", "tags.team LIKE 'FR%'", "tags.team LIKE 'fr'", "tags.team LIKE 'frau_d'",
        "tags.generation = 3", "tags.generation = '2.0'", "tags.team > 1", "tags.team NOT ILIKE 'F%'",
        "name = 'ranker'", "version > 3", "created > '2026-03-14T10:00:00Z'", "created < '2026-03-14'",
        "description LIKE 'November'", "description IS NULL",
        "stage = 'production'", "stage = []", "stage IN ('production')", "stage NOT IN ('staging')", "stage LIKE 'prod%'",
        "lineage.datasets = []", "lineage.datasets = 's3://data'", "lineage.datasets.digest IS NOT NULL",
        "lineage.datasets.digest = 'sha256:0000000000000000'", "lineage.parents = []", "lineage.parents = 'fraud@v3'",
        "source.dirty = true", "source.dirty IS NULL", "source.repository IS NULL", "model_card = false",
        "artifacts = 'model'", "artifacts = []", "artifacts.count > 2",
        "metrics.auc > 0.5 AND tags.team = 'risk'", "metrics.auc > 0.9 OR tags.team = 'risk'", "NOT tags.team = 'fraud'"})
    void failsForTheFullVersion(String expression) {
        assertFalse(holds(expression, Fixtures.fullSubject()), expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "metrics.auc IS NULL", "params.lr IS NULL", "tags.team IS NULL", "description IS NULL", "source.dirty IS NULL",
        "source.repository IS NULL", "source.commit IS NULL", "lineage.datasets = []", "lineage.parents = []",
        "artifacts = []", "stage = []", "stage != 'production'", "stage NOT IN ('production')", "stage NOT LIKE '%'",
        "lineage.datasets NOT LIKE '%'", "artifacts.count = 0", "artifacts.size = 0", "model_card = false",
        "lineage.datasets.digest IS NOT NULL", "NOT metrics.auc IS NOT NULL", "metrics.auc >= 0.9 OR version = 1",
        "name = 'ranker' AND version = 1 AND created = '2026-01-01' AND created_by = 'Bo <bo@example.com>'"})
    void holdsForTheBareVersion(String expression) {
        assertTrue(holds(expression, Fixtures.bareSubject()), expression);
    }

    /** Every comparison with a missing value is unknown: never true, also under NOT, != and NOT IN. */
    @ParameterizedTest
    @ValueSource(strings = {
        "metrics.auc >= 0.9", "metrics.auc < 0.9", "metrics.auc = 0.9", "metrics.auc != 0.9", "metrics.auc IN (0.9)",
        "metrics.auc NOT IN (0.9)", "NOT metrics.auc >= 0.9", "NOT (metrics.auc >= 0.9)", "NOT NOT metrics.auc >= 0.9",
        "metrics.auc >= 0.9 OR metrics.auc < 0.9", "NOT (metrics.auc >= 0.9 OR metrics.auc < 0.9)",
        "metrics.auc >= 0.9 AND version = 1", "NOT (metrics.auc >= 0.9 AND version = 1)", "tags.team != 'x'",
        "tags.team NOT LIKE 'x%'", "tags.team NOT ILIKE 'x%'", "params.x != 1", "source.dirty = false",
        "source.dirty != true", "source.commit LIKE '%'", "description = ''", "description LIKE '%'",
        "lineage.datasets != []", "lineage.datasets.digest IS NULL", "stage = 'production'", "model_card = true",
        "metrics.auc IS NOT NULL", "version = 2"})
    void failsForTheBareVersion(String expression) {
        assertFalse(holds(expression, Fixtures.bareSubject()), expression);
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanBoth() {
        Subject v1 = Fixtures.bareSubject();
        assertTrue(holds("version = 1 OR version = 2 AND version = 3", v1), "OR(v1, AND(v2, v3))");
        assertFalse(holds("(version = 1 OR version = 2) AND version = 3", v1));
        assertTrue(holds("version = 3 AND version = 2 OR version = 1", v1), "OR(AND(v3, v2), v1)");
        assertFalse(holds("version = 3 AND (version = 2 OR version = 1)", v1));
        assertTrue(holds("NOT version = 1 OR version = 1", v1), "OR(NOT v1, v1)");
        assertFalse(holds("NOT (version = 1 OR version = 1)", v1));
        assertTrue(holds("NOT version = 2 AND version = 1", v1), "AND(NOT v2, v1)");
        assertFalse(holds("NOT (version = 2 OR version = 1)", v1));
        assertTrue(holds("((version = 1))", v1));
    }

    @Test
    void textThatReadsAsANumberMeetsNumbersAndOtherTextDoesNot() {
        Subject two = Fixtures.with(Map.of(), Map.of("g", "2", "e", "1e3", "spaced", " 2", "word", "two", "neg", "-0"));
        assertTrue(holds("tags.g = 2 AND tags.g >= 1.5 AND tags.g < 10 AND tags.g IN (2) AND tags.e = 1000", two));
        assertTrue(holds("tags.neg = 0 AND tags.neg >= 0", two), "-0 is 0");
        assertFalse(holds("tags.spaced = 2", two), "' 2' is text with a space, not a number");
        assertTrue(holds("tags.spaced != 2", two));
        assertFalse(holds("tags.word = 2", two));
        assertTrue(holds("tags.word != 2", two), "unequal: text that is no number is not the number");
        assertFalse(holds("tags.word >= 1.5", two), "text that is no number cannot be ordered against one");
        assertFalse(holds("NOT tags.word >= 1.5", two), "... and that is unknown, not false");
        // a quoted value is text: compared as text with text
        assertFalse(holds("tags.g = '2.0'", two));
        // params written as text, or a string param that says true, as gates always did
        Subject p = Fixtures.with(Map.of("early_stop", "true", "epochs", 20L, "lr", 0.5), Map.of());
        assertTrue(holds("params.early_stop = true AND params.epochs = '20' AND params.lr = '0.5' AND params.lr = 0.50", p));
        assertFalse(holds("params.epochs = '20.0'", p), "text compares as text");
    }

    @Test
    void negativeZeroIsZero() {
        Subject z = Fixtures.withMetric("delta", -0.0);
        assertTrue(holds("metrics.delta = 0 AND metrics.delta >= 0 AND metrics.delta <= -0", z));
        assertFalse(holds("metrics.delta < 0", z));
    }

    @Test
    void instantsCompareAsInstantsWhateverTheOffset() {
        Subject v = Fixtures.fullSubject(); // created 2026-03-14T10:00:00Z
        assertTrue(holds("created = '2026-03-14T12:00:00+02:00'", v));
        assertTrue(holds("created < '2026-03-14T10:00:00.001Z'", v));
        assertTrue(holds("created >= '2026-03-14T05:00-05:00'", v));
        assertFalse(holds("created > '2026-03-14T05:00-05:00'", v));
        assertTrue(holds("created > '2026-03-13' AND created < '2026-03-15'", v));
    }

    @Test
    void likeMatchesTheWholeTextAndTreatsRegularExpressionCharactersAsThemselves() {
        Subject v = Fixtures.with(Map.of(), Map.of("re", "a.b*c+(d)[e]{2}^$|?\\", "pct", "100%", "u", "_x_"));
        assertTrue(holds("tags.re LIKE 'a.b*c+(d)[e]{2}^$|?\\\\'", v));
        assertFalse(holds("tags.re LIKE 'a.b*c+(d)[e]{2}^$|?'", v), "the whole text must match");
        assertTrue(holds("tags.re LIKE 'a_b%'", v));
        assertFalse(holds("tags.re LIKE 'a.c%'", v), "a dot is a dot");
        assertTrue(holds("tags.pct LIKE '100\\%' AND tags.pct LIKE '%\\%' AND NOT tags.pct LIKE '100\\_'", v));
        assertTrue(holds("tags.u LIKE '\\_x\\_' AND tags.u LIKE '_x_' AND NOT tags.u LIKE '\\_\\_\\_'", v));
    }

    @Test
    void expressionsAreImmutableAndReusable() {
        Expression e = Expression.parse("metrics.auc >= 0.8 AND stage = 'staging'");
        for (int i = 0; i < 3; i++) {
            assertTrue(e.test(Fixtures.fullSubject()));
            assertFalse(e.test(Fixtures.bareSubject()));
        }
    }

    @Test
    void evaluatingIsCheap() {
        // prepared at parse time: no parsing, regular expressions or reflection per evaluation
        Expression e = Expression.parse("metrics.auc >= 0.8 AND tags.team ILIKE 'FR%' AND params.epochs IN (10, 20)"
                + " AND created >= '2026-01-01' AND lineage.datasets != [] AND NOT source.dirty = true");
        Subject s = Fixtures.fullSubject();
        long start = System.nanoTime();
        int held = 0;
        for (int i = 0; i < 200_000; i++) {
            held += e.test(s) ? 1 : 0;
        }
        assertEquals(200_000, held);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 20_000, "200,000 evaluations took " + millis + " ms");
    }

    /** The examples of docs/FORMAT.md section 9, which must stay true. */
    @Test
    void theExamplesOfTheFormatDocumentMeanWhatItSays() {
        for (String gate : new String[] {"metrics.auc >= 0.9", "metrics.auc >= 0.9 AND metrics.latency_ms < 50",
            "params.max_depth < 8", "tags.team IN ('fraud', 'risk')",
            "lineage.datasets != [] AND lineage.datasets.digest IS NOT NULL", "source.dirty = false", "model_card = true",
            "stage = 'staging'", "tags.experimental IS NULL OR tags.experimental != 'true'",
            "created >= '2026-01-01' AND name NOT LIKE '%-test'", "metrics.\"val.auc\" > 0", "tags.`mlflow.source` = 'x'"}) {
            Expression.parse(gate, "gate");
        }
        for (String refused : new String[] {"metrics.auc = 'high'", "version = true", "tags.team > 'a'", "params.x <= true",
            "source.dirty = 'no'", "model_card = 1", "created >= 2026", "created < '14/03/2026'", "stage > 2", "stage = 2",
            "stage = 'Production'", "metrics.auc = []", "stage IS NULL", "version IS NULL", "metrics.auc LIKE '0.9%'",
            "created LIKE '2026%'", "tags.x LIKE 'a\\'", "metrics.\"my metric\" > 1", "tags.x = 'o'brien'"}) {
            org.junit.jupiter.api.Assertions.assertThrows(ExpressionException.class, () -> Expression.parse(refused), refused);
        }
        assertTrue(holds("tags.x = 'o''brien' OR tags.x = \"o'brien\" OR tags.x IS NULL", Fixtures.bareSubject()));
        Subject untagged = Fixtures.bareSubject();
        Subject experimental = Fixtures.with(Map.of(), Map.of("experimental", "true"));
        assertTrue(holds("tags.experimental IS NULL OR tags.experimental != 'true'", untagged));
        assertFalse(holds("tags.experimental IS NULL OR tags.experimental != 'true'", experimental));
        assertFalse(holds("NOT tags.experimental = 'true'", untagged), "unknown: a version without the tag is refused");
        assertTrue(holds("tags.generation = 2", Fixtures.with(Map.of(), Map.of("generation", "2.0"))));
        assertFalse(holds("created = '2026-03-14'", Fixtures.fullSubject()), "10:00, not midnight");
    }

    @Test
    void threeValuedLogicIsSqls() {
        Truth t = Truth.TRUE;
        Truth f = Truth.FALSE;
        Truth u = Truth.UNKNOWN;
        assertEquals(u, u.not());
        assertEquals(f, t.not());
        assertEquals(t, f.not());
        assertEquals(f, u.and(f));
        assertEquals(f, f.and(u));
        assertEquals(u, u.and(t));
        assertEquals(u, u.and(u));
        assertEquals(t, t.and(t));
        assertEquals(t, u.or(t));
        assertEquals(t, t.or(u));
        assertEquals(u, u.or(f));
        assertEquals(u, u.or(u));
        assertEquals(f, f.or(f));
    }
}
