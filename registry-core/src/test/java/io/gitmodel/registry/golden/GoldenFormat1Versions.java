package io.gitmodel.registry.golden;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.ArtifactPath;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.Environment;
import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.SourceCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link GoldenFormat1Test} expects to read from the fixture's versions, written out
 * literally: not computed from {@link GoldenRegistry}, so a change that writes and reads
 * differently (but symmetrically) still shows up here.
 */
final class GoldenFormat1Versions {
    private GoldenFormat1Versions() {
    }

    static final Environment TRAINING_ENV = new Environment("Java 17.0.12 (Golden Fixture VM)", "Linux 6.1.0-golden",
            "amd64", Map.of("numpy", "1.26.4", "scikit-learn", "1.5.2"));
    static final SourceCode FRAUD_CODE = new SourceCode("https://github.com/acme/fraud-training.git",
            "1d3b5c0f0e6a9d2f61b4b7a1c8e9f00112233445", false);

    static final ModelVersion FRAUD_V1 = new ModelVersion(ModelName.of("fraud"), 1, "1f6ba95e51b1a3ed06edb7523c4207da4a3f073b",
            "First fraud model", Instant.parse("2026-01-05T10:00:00Z"), Person.parse("Ada Lovelace <ada@example.com>"),
            Map.of("auc", 0.91),
            Map.of("epochs", 10L, "lr", 0.01),
            Map.of("team", "risk"),
            new Lineage(List.of(new Dataset("s3://data/fraud/train-2025-11",
                    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
                    FRAUD_CODE, List.of(), TRAINING_ENV, Map.of()),
            List.of(artifact("eval/report.md", "e4e79ad53a5e4ee490e761eefd10769375601467e2743f4279fdd837198c819b", 41, "text/markdown"),
                    artifact("model.onnx", "081a92e01f15f48e349c1cff6aab40149aef73f5ed898c83b0eec4573ca02fd2", 30, "application/onnx")),
            Map.of());

    static final ModelVersion FRAUD_V2 = new ModelVersion(ModelName.of("fraud"), 2, "cd46c420a79a1ff2544b1be5b6de1e8b801752fa",
            "Retrained on December data.\nAdds merchant-category features — für Händler, 日本語 ✓",
            Instant.parse("2026-01-05T11:00:00Z"), Person.parse("Grace Hopper <grace@example.com>"),
            Map.of("auc", 0.9321, "bias", 0.0, "delta:auc/v1", -0.0125, "epochs_run", 3.0, "grad_norm_min", 1.5e-7,
                    "samples_seen", 1.0e10),
            params("cutoff", "2025-12-31", "early_stop", false, "epochs", 20L, "lr", 0.001, "mask", "0x1F",
                    "max_steps", "1e3", "nothing", "null", "optimizer", "adam", "prior", "naïve", "ratio", 2.0,
                    "seed", 10_000_000_000L, "shuffle", true, "use_gpu", "yes"),
            Map.of("env:region", "eu-west-1", "owner", "Zoë Ångström", "team", "risk", "ticket", "1234"),
            new Lineage(List.of(
                    new Dataset("s3://data/fraud/train-2025-12", "sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"),
                    new Dataset("https://example.com/data/holdout.csv", null),
                    new Dataset("file:///data/ünïcode/labels.parquet", "md5:0123456789abcdef0123456789abcdef")),
                    new SourceCode(null, "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", true),
                    List.of(ModelRef.parse("fraud@v1")),
                    new Environment("Java 17.0.12 (Golden Fixture VM)", "Linux 6.1.0-golden", "amd64",
                            Map.of("numpy", "1.26.4", "onnxruntime", "1.20.0", "scikit-learn", "1.5.2")),
                    Map.of()),
            List.of(artifact("metrics.csv", "6b7ea71e7341860945a753d50aa70d65e8e943dbf939bb2eba28954e7d0aa8a2", 23, "text/csv"),
                    artifact("model/config.json", "3c501ab9e452a9b226a1ed5ce456e4878d45c64454a901bc09dda7efb62ae799", 36,
                            "application/json"),
                    artifact("model/tokenizer/special/empty.txt", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                            0, "text/plain"),
                    artifact("model/tokenizer/vocab.txt", "880553fca8fcea94e325ee2cfb48e5a985cc797f39a14cc6d3cedecfeb2ae4d2", 6,
                            "text/plain"),
                    artifact("model/weights.bin", "04773f8726c81cafcfa1a09a82664b98b00d2021031a1715bca1154f2dad3472", 300,
                            "application/octet-stream")),
            // extension numbers come back as Integer: what SnakeYAML makes of a small YAML int
            params("x-owner", params("team", "risk", "oncall", List.of("ada@example.com", "bo@example.com"), "escalation", 2,
                    "paging", true), "x-reviewers", List.of("Bo Reviewer", "Cy Approver"), "x-priority", "high"));

    static final ModelVersion FRAUD_V3 = new ModelVersion(ModelName.of("fraud"), 3, "ff887fa0058a55326e7dbcb8f4a27241c00d3a6a",
            "", Instant.parse("2026-01-05T20:00:00Z"), Person.parse("Ada Lovelace <ada@example.com>"),
            Map.of("auc", 0.95), Map.of("lr", 0.005), Map.of(),
            new Lineage(List.of(), FRAUD_CODE, List.of(ModelRef.parse("fraud@v2")), TRAINING_ENV, Map.of()),
            List.of(artifact("model.onnx", "081a92e01f15f48e349c1cff6aab40149aef73f5ed898c83b0eec4573ca02fd2", 30, "application/onnx"),
                    artifact("params.yaml", "126758d0b2793b354efa91a1c3299c353914dbfd0de2949abb65507f22ea7e8d", 10, "application/yaml")),
            Map.of());

    static final ModelVersion RANKER_V1 = new ModelVersion(ModelName.of("ranker"), 1, "1465f9dd24e18a9fcf753714e46a87e572d56d8c",
            "", Instant.parse("2026-01-05T12:00:00Z"), Person.parse("Ada Lovelace <ada@example.com>"), Map.of(), Map.of(), Map.of(),
            new Lineage(List.of(), null, List.of(), new Environment(null, null, null, Map.of()), Map.of()),
            List.of(), Map.of());

    static final ModelVersion RANKER_V2 = new ModelVersion(ModelName.of("ranker"), 2, "23d8386bdf6a242bc5acb178ea4d7be3c5ec07eb",
            "Learning-to-rank model\n\ntrained with fraud scores as a feature", Instant.parse("2026-01-05T18:00:00Z"),
            Person.parse("Ada Lovelace <ada@example.com>"), Map.of("ndcg_10", 0.71), Map.of("objective", "lambdarank"), Map.of(),
            new Lineage(List.of(new Dataset("s3://data/ranker/clicks-2025-12", null)),
                    new SourceCode("https://github.com/acme/ranker.git", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", false),
                    List.of(ModelRef.parse("fraud@v2"), ModelRef.parse("ranker@v1")),
                    new Environment("Python 3.11.9", "Linux 6.1.0-golden", "arm64", Map.of("torch", "2.3.1")), Map.of()),
            List.of(artifact("bundle/archive.zip", "f18366628a466f286ac60a27d59cadd5fd347730c9d55e04ce70ffda96cb236f", 8,
                            "application/zip"),
                    artifact("features.parquet", "eb298478ea16676ef7ab5a8386d83c95920c31678f8f53d95f4c3bdf3c284309", 16,
                            "application/vnd.apache.parquet"),
                    artifact("notes.txt", "576af6a9283fd663a807bbf1d2c256fd046ef5fdd8024b6d8e72c28e66cb392e", 13, "text/plain"),
                    artifact("ranker.tgz", "9d1011ce9a9221ec2cbde2cc63ce50401fda24a6ffbf96a97b55552cc9e035e3", 10, "application/gzip"),
                    artifact("schema.yml", "efb01effe84962ac089c8fdb28f3645865d3b856994516815bfdb22b4285d89e", 26, "application/yaml")),
            Map.of());

    /** The bytes of fraud@v2's model.yaml: key order, quoting, number forms, literal blocks. */
    static final String FRAUD_V2_YAML = """
            name: fraud
            version: 2
            description: |-
              Retrained on December data.
              Adds merchant-category features — für Händler, 日本語 ✓
            created: 2026-01-05T11:00:00Z
            created_by: Grace Hopper <grace@example.com>
            metrics:
              auc: 0.9321
              bias: 0.0
              delta:auc/v1: -0.0125
              epochs_run: 3.0
              grad_norm_min: 1.5E-7
              samples_seen: 1.0E10
            params:
              cutoff: "2025-12-31"
              early_stop: false
              epochs: 20
              lr: 0.001
              mask: "0x1F"
              max_steps: "1e3"
              nothing: "null"
              optimizer: adam
              prior: naïve
              ratio: 2.0
              seed: 10000000000
              shuffle: true
              use_gpu: "yes"
            tags:
              env:region: eu-west-1
              owner: Zoë Ångström
              team: risk
              ticket: "1234"
            lineage:
              datasets:
              - uri: s3://data/fraud/train-2025-12
                digest: sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
              - uri: https://example.com/data/holdout.csv
              - uri: file:///data/ünïcode/labels.parquet
                digest: md5:0123456789abcdef0123456789abcdef
              code:
                commit: a94a8fe5ccb19ba61c4c0873d391e987982fbbd3
                dirty: true
              parents:
              - fraud@v1
              environment:
                runtime: Java 17.0.12 (Golden Fixture VM)
                os: Linux 6.1.0-golden
                arch: amd64
                libraries:
                  numpy: "1.26.4"
                  onnxruntime: "1.20.0"
                  scikit-learn: "1.5.2"
            artifacts:
            - path: metrics.csv
              oid: sha256:6b7ea71e7341860945a753d50aa70d65e8e943dbf939bb2eba28954e7d0aa8a2
              size: 23
              media_type: text/csv
            - path: model/config.json
              oid: sha256:3c501ab9e452a9b226a1ed5ce456e4878d45c64454a901bc09dda7efb62ae799
              size: 36
              media_type: application/json
            - path: model/tokenizer/special/empty.txt
              oid: sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
              size: 0
              media_type: text/plain
            - path: model/tokenizer/vocab.txt
              oid: sha256:880553fca8fcea94e325ee2cfb48e5a985cc797f39a14cc6d3cedecfeb2ae4d2
              size: 6
              media_type: text/plain
            - path: model/weights.bin
              oid: sha256:04773f8726c81cafcfa1a09a82664b98b00d2021031a1715bca1154f2dad3472
              size: 300
              media_type: application/octet-stream
            x-owner:
              team: risk
              oncall:
              - ada@example.com
              - bo@example.com
              escalation: 2
              paging: true
            x-reviewers:
            - Bo Reviewer
            - Cy Approver
            x-priority: high
            """;

    /** A version with nothing but the required keys: empty mappings and lists are still written. */
    static final String RANKER_V1_YAML = """
            name: ranker
            version: 1
            created: 2026-01-05T12:00:00Z
            created_by: Ada Lovelace <ada@example.com>
            metrics: {}
            params: {}
            tags: {}
            lineage:
              datasets: []
              parents: []
              environment:
                libraries: {}
            artifacts: []
            """;

    static final String FRAUD_V1_YAML = """
            name: fraud
            version: 1
            description: First fraud model
            created: 2026-01-05T10:00:00Z
            created_by: Ada Lovelace <ada@example.com>
            metrics:
              auc: 0.91
            params:
              epochs: 10
              lr: 0.01
            tags:
              team: risk
            lineage:
              datasets:
              - uri: s3://data/fraud/train-2025-11
                digest: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
              code:
                repository: https://github.com/acme/fraud-training.git
                commit: 1d3b5c0f0e6a9d2f61b4b7a1c8e9f00112233445
                dirty: false
              parents: []
              environment:
                runtime: Java 17.0.12 (Golden Fixture VM)
                os: Linux 6.1.0-golden
                arch: amd64
                libraries:
                  numpy: "1.26.4"
                  scikit-learn: "1.5.2"
            artifacts:
            - path: eval/report.md
              oid: sha256:e4e79ad53a5e4ee490e761eefd10769375601467e2743f4279fdd837198c819b
              size: 41
              media_type: text/markdown
            - path: model.onnx
              oid: sha256:081a92e01f15f48e349c1cff6aab40149aef73f5ed898c83b0eec4573ca02fd2
              size: 30
              media_type: application/onnx
            """;

    static Artifact artifact(String path, String sha256, long size, String mediaType) {
        return new Artifact(ArtifactPath.of(path), new Sha256(sha256), size, mediaType);
    }

    /** A map in the order given (Map.of takes at most ten entries). */
    static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
