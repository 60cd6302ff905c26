package io.gitmodel.registry.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.internal.policy.expr.ExpressionException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gates in registry.yaml: expressions of the gate and filter language. Every gate of the
 * three-part form keeps parsing, meaning and explaining itself as before; what was refused stays
 * refused, now with the column.
 */
class GateTest {
    @ParameterizedTest
    @ValueSource(strings = {"metrics.auc >= NaN", "metrics.auc >= Infinity", "metrics.auc >= 0x1p-1", "metrics.auc >= 0.9d",
        "metrics.auc >= 1e999", "metrics.auc >= ", "metrics.auc >= yes", "metrics.auc > 'high'", "loss <= 0.1", "metrics.auc => 0.9",
        "metrics.auc >= -Infinity", "metrics.auc >= 0.9f", "metrics.auc >= 1_000", "tags.team > 'a'", "metrics.auc", "",
        "metrics.auc >= 0.9 0.8", "metrics.a uc >= 0.9"})
    void malformedGatesAreRefusedNamingTheGateAndTheColumn(String source) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Gate.parse(source));
        assertTrue(e.getMessage().startsWith("gate \"" + source + "\" is invalid at column " + (e.position() + 1) + ": "),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics.auc >= 0.9", "metrics.auc >= .9", "metrics.loss < 1e-3", "params.epochs == 20",
        "params.early_stop == true", "tags.team == 'risk'", "tags.team != \"fraud\"", "metrics.delta > -0.5",
        "metrics.auc >= 0.9 AND lineage.datasets != [] AND source.dirty = false", "stage = 'staging' OR model_card = true"})
    void wellFormedGatesParse(String source) {
        assertEquals(source, Gate.parse("  " + source + " ").source());
    }

    static ModelVersion version(Map<String, Double> metrics, Map<String, Object> params, Map<String, String> tags) {
        return new ModelVersion(ModelName.of("fraud"), 3, "0".repeat(40), "", Instant.parse("2026-03-14T10:00:00Z"),
                new Person("Ada", "ada@example.com"), metrics, params, tags, Lineage.empty(), List.of(), Map.of());
    }

    static final ModelVersion V = version(Map.of("auc", 0.87, "latency_ms", 80.0),
            Map.of("epochs", 20L, "lr", 0.01, "optimizer", "adam", "early_stop", true, "flag", "true", "seed", "42"),
            Map.of("team", "fraud", "generation", "2", "word", "two"));

    /** Three-part gates as they were written before expressions, and what they said: empty for "passes". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "metrics.auc >= 0.87          | ",
        "metrics.auc >= 0.9           | fraud@v3 has metrics.auc = 0.87, the gate needs metrics.auc >= 0.9",
        "metrics.latency_ms < 50      | fraud@v3 has metrics.latency_ms = 80.0, the gate needs metrics.latency_ms < 50",
        "metrics.f1 > 0               | fraud@v3 has no metrics.f1",
        "metrics.auc == 0.87          | ",
        "metrics.auc != 0.87          | fraud@v3 has metrics.auc = 0.87, the gate needs metrics.auc != 0.87",
        "params.epochs == 20          | ",
        "params.epochs >= 10.5        | ",
        "params.epochs == '20'        | ",
        "params.epochs < 20           | fraud@v3 has params.epochs = 20, the gate needs params.epochs < 20",
        "params.lr <= 0.01            | ",
        "params.optimizer == 'adam'   | ",
        "params.optimizer != 'adam'   | fraud@v3 has params.optimizer = adam, the gate needs params.optimizer != 'adam'",
        "params.optimizer > 1         | fraud@v3 has params.optimizer = adam, the gate needs params.optimizer > 1",
        "params.early_stop == true    | ",
        "params.early_stop == 'true'  | ",
        "params.early_stop != true    | fraud@v3 has params.early_stop = true, the gate needs params.early_stop != true",
        "params.flag == true          | ",
        "params.seed == 42            | ",
        "params.seed >= 41.5          | ",
        "params.missing == 1          | fraud@v3 has no params.missing",
        "tags.team == 'fraud'         | ",
        "tags.team == \"fraud\"       | ",
        "tags.team != 'fraud'         | fraud@v3 has tags.team = fraud, the gate needs tags.team != 'fraud'",
        "tags.team == 'Fraud'         | fraud@v3 has tags.team = fraud, the gate needs tags.team == 'Fraud'",
        "tags.generation == 2         | ",
        "tags.generation >= 1.5       | ",
        "tags.generation == '2'       | ",
        "tags.word == 2               | fraud@v3 has tags.word = two, the gate needs tags.word == 2",
        "tags.word != 2               | ",
        "tags.word >= 1.5             | fraud@v3 has tags.word = two, the gate needs tags.word >= 1.5",
        "tags.missing != 'x'          | fraud@v3 has no tags.missing",
    })
    void threePartGatesMeanWhatTheyMeant(String gate, String failure) {
        assertEquals(Optional.ofNullable(failure), Gate.parse(gate).check(V), gate);
    }

    @Test
    void aGateThatNamesStageOrModelCardNeedsToBeToldThem() {
        Gate gate = Gate.parse("stage = 'staging' AND model_card = true");
        assertTrue(gate.needsStages() && gate.needsModelCard());
        assertThrows(IllegalStateException.class, () -> gate.check(V));
        assertEquals(Optional.empty(), gate.check(V, Set.of(StageName.of("staging")), true));
        assertEquals(Optional.of("fraud@v3 has stage = [], the gate needs stage = 'staging'"), gate.check(V, Set.of(), true));
        assertEquals(Optional.of("fraud@v3 has model_card = false, the gate needs model_card = true"),
                gate.check(V, Set.of(StageName.of("staging")), false));
        Gate plain = Gate.parse("metrics.auc > 0.5");
        assertTrue(!plain.needsStages() && !plain.needsModelCard());
    }

    @Test
    void aTextValueForAMetricIsRefusedNowForItCouldNeverMatch() {
        // accepted before (compared as text, never equal to a number's text); numeric text is read as the number
        ExpressionException e = assertThrows(ExpressionException.class, () -> Gate.parse("metrics.auc == 'high'"));
        assertEquals("metrics.auc is a number; 'high' is not one", e.detail());
        assertEquals(Optional.empty(), Gate.parse("metrics.auc == '0.87'").check(V));
    }
}
