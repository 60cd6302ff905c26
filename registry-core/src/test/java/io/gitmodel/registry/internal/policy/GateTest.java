package io.gitmodel.registry.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gates in registry.yaml: numbers as people write them, true/false, quoted strings; nothing else. */
class GateTest {
    @ParameterizedTest
    @ValueSource(strings = {"metrics.auc >= NaN", "metrics.auc >= Infinity", "metrics.auc >= 0x1p-1", "metrics.auc >= 0.9d",
        "metrics.auc >= 1e999", "metrics.auc >= ", "metrics.auc >= yes", "metrics.auc > 'high'", "loss <= 0.1", "metrics.auc => 0.9"})
    void malformedGatesAreRefusedNamingTheGate(String source) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gate.parse(source));
        assertTrue(e.getMessage().contains(source.trim()), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics.auc >= 0.9", "metrics.auc >= .9", "metrics.loss < 1e-3", "params.epochs == 20",
        "params.early_stop == true", "tags.team == 'risk'", "tags.team != \"fraud\"", "metrics.delta > -0.5"})
    void wellFormedGatesParse(String source) {
        assertEquals(source, Gate.parse("  " + source + " ").source());
    }
}
