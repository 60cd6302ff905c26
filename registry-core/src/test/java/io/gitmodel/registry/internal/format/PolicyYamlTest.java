package io.gitmodel.registry.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.errors.CorruptMetadataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gates as registry.yaml holds them: the YAML ways of writing one (docs/FORMAT.md section 9), and a bad one. */
class PolicyYamlTest {
    static RegistryPolicy read(String gates) throws Exception {
        String yaml = "format: 1\nstages:\n  production:\n    gates:\n" + gates;
        return PolicyYaml.read(SafeYaml.loadMap(yaml, "main:registry.yaml"), "main:registry.yaml");
    }

    @Test
    void gatesAreYamlStringsInAnyStyle() throws Exception {
        RegistryPolicy policy = read("""
                    - metrics.auc >= 0.9 AND tags.team = 'risk'
                    - 'tags.team = ''risk'''
                    - "tags.note LIKE '50\\\\%'"
                    - >-
                      lineage.datasets != []
                      AND lineage.datasets.digest IS NOT NULL
                """);
        assertEquals(List.of("metrics.auc >= 0.9 AND tags.team = 'risk'", "tags.team = 'risk'", "tags.note LIKE '50\\%'",
                "lineage.datasets != [] AND lineage.datasets.digest IS NOT NULL"), policy.stage("production").orElseThrow().gates());
    }

    @Test
    void aBadGateIsACorruptRegistryYamlOnOneLineNamingStageAndColumn() {
        CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> read("    - metric.auc >= 0.9\n"));
        assertEquals("main:registry.yaml", e.file());
        assertEquals("main:registry.yaml (stage production): gate \"metric.auc >= 0.9\" is invalid at column 1: unknown field"
                + " 'metric.auc'; did you mean metrics.auc?", e.getMessage());
    }
}
