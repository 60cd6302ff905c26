package io.gitmodel.registry.golden;

import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.Environment;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.SourceCode;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the golden format-1 registry, deterministically, through the public API only. Every
 * input that git-model would otherwise take from the machine is given explicitly: the clock, the
 * identity, an empty HOME without system config, the environment and source of each version.
 * The same code on the same git-model writes the same objects, so every ref gets the same id.
 *
 * <p>Do not change what this builds without regenerating the fixture (see
 * {@code src/test/resources/golden/format-1/README.md}) and updating {@code GoldenFormat1Test}.
 */
public final class GoldenRegistry {
    /** The instant of the first write (init); every later write is one hour after the previous one. */
    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    public static final Person ADA = new Person("Ada Lovelace", "ada@example.com");
    public static final Person BO = new Person("Bo Reviewer", "bo@example.com");
    public static final Person GRACE = new Person("Grace Hopper", "grace@example.com");

    // No JVM, OS or git-model version from the machine: an explicit environment replaces the captured one.
    static final Environment TRAINING_ENV = new Environment("Java 17.0.12 (Golden Fixture VM)", "Linux 6.1.0-golden",
            "amd64", Map.of("numpy", "1.26.4", "scikit-learn", "1.5.2"));
    static final SourceCode FRAUD_CODE = new SourceCode("https://github.com/acme/fraud-training.git",
            "1d3b5c0f0e6a9d2f61b4b7a1c8e9f00112233445", false);

    private final Path registryDir;
    private final Path scratch;
    private final SteppedClock clock = new SteppedClock(START);
    private final Map<String, String> environment;
    private int step;

    private GoldenRegistry(Path registryDir, Path scratch) throws IOException {
        this.registryDir = registryDir;
        this.scratch = Files.createDirectories(scratch);
        // An empty HOME and no system config: nothing from ~/.gitconfig or /etc/gitconfig (signing keys,
        // identities) can reach the registry.
        Path home = Files.createDirectories(scratch.resolve("home"));
        this.environment = Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1");
    }

    /**
     * Builds the registry as a bare repository in {@code registryDir} (must not exist yet).
     * {@code scratch} receives the artifact files and the empty HOME.
     */
    public static void build(Path registryDir, Path scratch) throws IOException, RegistryException {
        new GoldenRegistry(registryDir, scratch).build();
    }

    private RegistryConfig config(Person who) {
        return RegistryConfig.builder().clock(clock).identity(who).environment(environment).captureSource(false)
                .sourceDirectory(scratch).maxAttempts(1).build();
    }

    /** One write: moves the clock to the next hour and acts as {@code who} on a freshly opened registry. */
    private void as(Person who, Action action) throws IOException, RegistryException {
        clock.set(START.plus(Duration.ofHours(step++)));
        try (Registry registry = Registry.open(registryDir, config(who))) {
            action.run(registry);
        }
    }

    private interface Action {
        void run(Registry registry) throws IOException, RegistryException;
    }

    private void build() throws IOException, RegistryException {
        clock.set(START.plus(Duration.ofHours(step++)));                                            // 01-05 09:00
        Registry.init(registryDir).bare(true).signed(false).config(config(ADA)).call().close();

        as(ADA, r -> r.register("fraud")                                                            // 10:00
                .artifact(file("v1/model.onnx", "golden fraud model, version 1\n"))
                .artifact("eval/report.md", file("v1/report.md", "# Evaluation\n\nAUC 0.91 on holdout — ok\n"))
                .description("First fraud model")
                .metric("auc", 0.91)
                .param("lr", 0.01).param("epochs", 10)
                .tag("team", "risk")
                .dataset("s3://data/fraud/train-2025-11",
                        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .environment(TRAINING_ENV).source(FRAUD_CODE)
                .call());

        as(ADA, r -> r.register("fraud")                                                            // 11:00
                .createdBy(GRACE)
                .artifact("model", fraudV2ModelDirectory())
                .artifact(file("v2/metrics.csv", "step,auc\n1,0.90\n2,0.93\n"))
                .description("Retrained on December data.\nAdds merchant-category features — für Händler, 日本語 ✓")
                .metric("auc", 0.9321).metric("epochs_run", 3.0).metric("grad_norm_min", 1.5e-7)
                .metric("samples_seen", 1.0e10).metric("delta:auc/v1", -0.0125).metric("bias", -0.0)
                .param("optimizer", "adam").param("lr", 0.001).param("epochs", 20).param("seed", 10_000_000_000L)
                .param("ratio", 2.0).param("shuffle", true).param("early_stop", false)
                .param("max_steps", "1e3").param("use_gpu", "yes").param("mask", "0x1F")
                .param("cutoff", "2025-12-31").param("prior", "naïve").param("nothing", "null")
                .tag("team", "risk").tag("owner", "Zoë Ångström").tag("ticket", "1234").tag("env:region", "eu-west-1")
                .dataset("s3://data/fraud/train-2025-12",
                        "sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752")
                .dataset(Dataset.of("https://example.com/data/holdout.csv"))
                .dataset("file:///data/ünïcode/labels.parquet", "md5:0123456789abcdef0123456789abcdef")
                .parent("fraud@v1")
                .modelCard("# Fraud detector\n\nScores card transactions; owner: Zoë.\n\n| metric | value |\n"
                        + "|---|---|\n| auc | 0.93 |\n")
                .extension("x-owner", ordered("team", "risk", "oncall", List.of("ada@example.com", "bo@example.com"),
                        "escalation", 2, "paging", true))
                .extension("x-reviewers", List.of("Bo Reviewer", "Cy Approver"))
                .extension("x-priority", "high")
                .environment(TRAINING_ENV).library("onnxruntime", "1.20.0")
                .source(new SourceCode(null, "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", true))
                .call());

        as(ADA, r -> r.register("ranker")                                                           // 12:00
                .environment(new Environment(null, null, null, Map.of()))  // nothing known at all
                .source(null)
                .call());

        as(ADA, r -> r.promote("fraud@v1", "staging").reason("offline eval passed").call());       // 13:00
        as(BO, r -> r.promote("fraud@v1", "production").reason("first release").call());           // 14:00
        as(ADA, r -> r.promote("fraud@v2", "staging").reason("candidate with more data").call());  // 15:00
        as(BO, r -> r.promote("fraud@v2", "production")                                           // 16:00
                .reason("A/B test won: +2.1 % recall\n\nSee the dashboard — ✓ signed off")
                .approvedBy("Cy Approver <cy@example.com>")
                .call());
        as(BO, r -> r.rollback("fraud", "production").reason("latency regression").call());       // 17:00

        as(ADA, r -> r.register("ranker")                                                           // 18:00
                .artifact(bytes("ranker/ranker.tgz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}))
                .artifact(file("ranker/features.parquet", "PAR1 golden PAR1"))
                .artifact("bundle/archive.zip", bytes("ranker/archive.zip", new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0}))
                .artifact(file("ranker/schema.yml", "fields: [score, merchant]\n"))
                .artifact(file("ranker/notes.txt", "ranker notes\n"))
                .description("Learning-to-rank model\n\ntrained with fraud scores as a feature")
                .metric("ndcg_10", 0.71)
                .param("objective", "lambdarank")
                .dataset(Dataset.of("s3://data/ranker/clicks-2025-12"))
                .parent("fraud@v2").parent("ranker@v1")
                .environment(new Environment("Python 3.11.9", "Linux 6.1.0-golden", "arm64", Map.of()))
                .library("torch", "2.3.1")
                .source(new SourceCode("https://github.com/acme/ranker.git", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", false))
                .call());

        as(ADA, r -> r.promote("ranker@v1", "staging").reason("smoke test").call());                // 19:00

        as(ADA, r -> r.register("fraud")                                                            // 20:00
                .artifact(file("v3/model.onnx", "golden fraud model, version 1\n"))  // same bytes as v1: one LFS object
                .artifact(file("v3/params.yaml", "lr: 0.005\n"))
                .metric("auc", 0.95)
                .param("lr", 0.005)
                .parent("fraud@v2")
                .environment(TRAINING_ENV).source(FRAUD_CODE)
                .call());                                                                           // no card: v2's is carried

        as(ADA, r -> r.promote("fraud@v3", "staging").reason("retrained").call());                  // 21:00
        as(ADA, r -> r.promote("ranker@v2", "staging").reason("uses fraud scores").call());         // 22:00
        as(BO, r -> r.release("production", List.of("fraud@v3", "ranker@v2"))                      // 23:00
                .reason("retrained together").call());
        as(ADA, r -> r.demote("ranker", "staging").reason("superseded by the release").call());     // 01-06 00:00
        as(ADA, r -> r.archive("fraud@v2").reason("replaced by v3").call());                         // 01:00
        as(ADA, r -> r.archive("fraud@v1").reason("replaced by v3").call());                         // 02:00
        as(ADA, r -> r.restore("fraud@v1").reason("kept for audit comparison").call());             // 03:00
    }

    private Path fraudV2ModelDirectory() throws IOException {
        Path dir = scratch.resolve("artifacts/v2/model");
        byte[] weights = new byte[300];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 7 + 3);
        }
        bytes("v2/model/weights.bin", weights);
        file("v2/model/config.json", "{\"layers\": 2, \"activation\": \"relu\"}\n");
        file("v2/model/tokenizer/vocab.txt", "a\nb\nc\n");
        file("v2/model/tokenizer/special/empty.txt", "");
        return dir;
    }

    private Path file(String relative, String text) throws IOException {
        return bytes(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path bytes(String relative, byte[] content) throws IOException {
        Path file = scratch.resolve("artifacts").resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** A map in the order given (Map.of's order changes from run to run, and it is written in that order). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A clock that stands still until the generator moves it: the time of a write does not depend on how often it is read. */
    static final class SteppedClock extends Clock {
        private volatile Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
