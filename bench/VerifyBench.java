import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark: verify a governed registry of N versions and N stage events, every stage commit signed
 * with an SSH key of a principal (the cost that matters), and the trust check of a read. Run
 * through bench/verify (it builds the classpath and the key). Prints Markdown tables.
 */
public final class VerifyBench {
    public static void main(String[] args) throws Exception {
        int versions = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]);
        Path dir = Files.createTempDirectory("verify-bench");
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        long[] tick = {0};
        Clock clock = new Clock() {
            public Instant instant() { return start.plusSeconds(tick[0]++); }
            public ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(ZoneId z) { return this; }
        };
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        RegistryConfig config = RegistryConfig.builder().clock(clock).environment(env).captureSource(false)
                .identity(new Person("Bench", "bench@example.com")).build();
        Path artifact = Files.writeString(dir.resolve("m.bin"), "weights");
        int models = Math.max(1, versions / 100);
        int perModel = versions / models;
        long t0 = System.nanoTime();
        // a registry made by an earlier run can be measured again (its setup takes minutes)
        Path registry = args.length > 2 ? Path.of(args[2]) : dir.resolve("registry");
        if (args.length <= 2) {
            setup(registry, config, artifact, models, perModel, versions, t0);
        }
        measure(registry, config);
    }

    static void setup(Path registry, RegistryConfig config, Path artifact, int models, int perModel, int versions, long t0)
            throws Exception {
        try (Registry r = Registry.init(registry).bare(true).config(config).call()) {
            for (int m = 0; m < models; m++) {
                for (int v = 0; v < perModel; v++) {
                    r.register("model-" + m).artifact(artifact).metric("auc", 0.9).call();
                }
            }
            double registered = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            // N stage events: half the versions to staging, then each of those to production
            int events = 0;
            for (int m = 0; m < models && events < versions; m++) {
                for (int v = 1; v <= perModel / 2 && events < versions; v++) {
                    r.promote("model-" + m + "@v" + v, "staging").reason("eval").call();
                    r.promote("model-" + m + "@v" + v, "production").reason("ship").call();
                    events += 2;
                }
            }
            double staged = (System.nanoTime() - t1) / 1e9;
            System.out.printf("%n| setup (%d versions, %d signed stage events) | seconds |%n|---|---|%n", versions, events);
            System.out.printf("| register %d versions | %.1f |%n| make %d signed stage changes | %.1f |%n", versions, registered,
                    events, staged);
        }
        new ProcessBuilder("git", "-C", registry.toString(), "gc", "-q").inheritIO().start().waitFor();
    }

    static void measure(Path registry, RegistryConfig config) throws Exception {
        try (Registry r = Registry.open(registry, config)) {
            System.out.printf("%n| measurement (after git gc) | seconds | findings | stage commits | versions |%n|---|---|---|---|---|%n");
            for (boolean artifacts : List.of(true, false)) {
                for (int run = 0; run < 2; run++) {
                    long t = System.nanoTime();
                    VerifyReport report = r.verify().artifacts(artifacts).call();
                    System.out.printf("| verify%s (run %d) | %.2f | %d | %d | %d |%n", artifacts ? "" : " --no-artifacts", run + 1,
                            (System.nanoTime() - t) / 1e9, report.findings().size(), report.stageCommits(), report.versions());
                }
            }
        }
        // the trust check of a read: cold (judged, then remembered) and warm (remembered)
        deleteTree(registry.resolve("git-model").resolve("trusted"));
        try (Registry r = Registry.open(registry, config)) {
            long t = System.nanoTime();
            r.resolve("model-0@production");
            double cold = (System.nanoTime() - t) / 1e6;
            int runs = 200;
            t = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                r.resolve("model-0@production");
            }
            double warm = (System.nanoTime() - t) / 1e6 / runs;
            t = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                r.resolve("model-0@v3");
            }
            double exact = (System.nanoTime() - t) / 1e6 / runs;
            System.out.printf("%n| read (in-process) | ms |%n|---|---|%n| resolve model-0@production, first read (judges the change) | %.1f |%n"
                    + "| resolve model-0@production, later reads (mean of %d) | %.2f |%n| resolve model-0@v3 (no stage, for comparison) | %.2f |%n",
                    cold, runs, warm, exact);
        }
        System.out.println("\nregistry kept at " + registry);
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var files = Files.walk(p)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
