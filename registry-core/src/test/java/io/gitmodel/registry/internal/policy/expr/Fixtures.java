package io.gitmodel.registry.internal.policy.expr;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.ArtifactPath;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.SourceCode;
import io.gitmodel.registry.StageName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Versions built by hand for the expression tests: one with every field set, one with none that may be missing. */
final class Fixtures {
    static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String COMMIT = "1d3b5c0f0e6a9d2f61b4b7a1c8e9f00112233445";

    private Fixtures() {
    }

    /**
     * fraud@v3: metrics auc 0.87, loss 0.1; params epochs 20 (integer), lr 0.01, optimizer adam,
     * early_stop true (boolean), seed "42" (text); tags team fraud, generation "2", note "50% off";
     * two data sets (train with a digest, eval without); clean code; parent fraud@v2; two artifacts.
     */
    static ModelVersion full() {
        Lineage lineage = new Lineage(List.of(new Dataset("s3://data/train-2026-11", DIGEST), Dataset.of("s3://data/eval")),
                new SourceCode("https://github.com/acme/fraud-training.git", COMMIT, false),
                List.of(ModelRef.parse("fraud@v2")), null, Map.of());
        Sha256 oid = Sha256.parse("sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393");
        return new ModelVersion(ModelName.of("fraud"), 3, "0".repeat(40), "retrained on November data",
                Instant.parse("2026-03-14T10:00:00Z"), new Person("Ada Lovelace", "ada@example.com"),
                Map.of("auc", 0.87, "loss", 0.1),
                Map.of("epochs", 20L, "lr", 0.01, "optimizer", "adam", "early_stop", true, "seed", "42"),
                Map.of("team", "fraud", "generation", "2", "note", "50% off"), lineage,
                List.of(new Artifact(ArtifactPath.of("model.onnx"), oid, 1000, "application/onnx"),
                        new Artifact(ArtifactPath.of("config.json"), oid, 24, "application/json")),
                Map.of());
    }

    /** ranker@v1: nothing but what every version has. */
    static ModelVersion bare() {
        return new ModelVersion(ModelName.of("ranker"), 1, "0".repeat(40), "", Instant.parse("2026-01-01T00:00:00Z"),
                new Person("Bo", "bo@example.com"), Map.of(), Map.of(), Map.of(), Lineage.empty(), List.of(), Map.of());
    }

    /** A bare version with these params and tags. */
    static Subject with(Map<String, Object> params, Map<String, String> tags) {
        ModelVersion b = bare();
        return Subject.of(new ModelVersion(b.name(), b.version(), b.commit(), "", b.created(), b.createdBy(), Map.of(), params,
                tags, Lineage.empty(), List.of(), Map.of()), Set.of(), false);
    }

    /** A bare version with this metric. */
    static Subject withMetric(String key, double value) {
        ModelVersion b = bare();
        return Subject.of(new ModelVersion(b.name(), b.version(), b.commit(), "", b.created(), b.createdBy(), Map.of(key, value),
                Map.of(), Map.of(), Lineage.empty(), List.of(), Map.of()), Set.of(), false);
    }

    /** {@link #full()} in staging and shadow, with a model card. */
    static Subject fullSubject() {
        return Subject.of(full(), Set.of(StageName.of("staging"), StageName.of("shadow")), true);
    }

    /** {@link #bare()} in no stage, without a model card. */
    static Subject bareSubject() {
        return Subject.of(bare(), Set.of(), false);
    }
}
