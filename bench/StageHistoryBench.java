import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Benchmark: resolve name@production and name@production~T when production has N stage events.
 * Run through bench/stage-history (it builds the classpath). Prints a Markdown table.
 */
public final class StageHistoryBench {
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("stage-bench");
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        long[] tick = {0};
        Clock clock = new Clock() {
            public Instant instant() { return start.plusSeconds(60 * tick[0]++); }
            public ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(ZoneId z) { return this; }
        };
        RegistryConfig config = RegistryConfig.builder().clock(clock).captureSource(false)
                .identity(new Person("Bench", "bench@example.com")).build();
        Path artifact = Files.writeString(dir.resolve("m.bin"), "weights");
        long t0 = System.nanoTime();
        try (Registry r = Registry.init(dir.resolve("registry")).bare(true).signed(false).config(config).call()) {
            r.register("fraud").artifact(artifact).call();
            r.register("fraud").artifact(artifact).call();
            r.promote("fraud@v1", "staging").reason("bench").call();
            r.promote("fraud@v2", "staging").reason("bench").call();
            for (int i = 0; i < events; i++) {
                r.promote("fraud@v" + (1 + i % 2), "production").reason("bench event " + i).call();
            }
        }
        double setup = (System.nanoTime() - t0) / 1e9;
        measure(dir, config, events, setup, "loose objects");
        Process gc = new ProcessBuilder("git", "-C", dir.resolve("registry").toString(), "gc", "-q").inheritIO().start();
        gc.waitFor();
        measure(dir, config, events, setup, "after git gc");
    }

    static void measure(Path dir, RegistryConfig config, int events, double setup, String label) throws Exception {
        try (Registry r = Registry.open(dir.resolve("registry"), config)) {
            List<ModelEvent> log = r.log("production");
            Instant early = log.get(10).at();
            Instant middle = log.get(log.size() / 2).at();
            System.out.printf("%n| measurement (%d production events, %s) | median | runs |%n|---|---|---|%n", log.size(), label);
            System.out.printf("| create the history (library promotes, unsigned) | %.1f s total, %.2f ms/event | 1 |%n",
                    setup, setup * 1000 / events);
            time("resolve fraud@production", 200, () -> r.resolve("fraud@production"));
            time("resolve fraud@production~<middle>", 50, () -> r.resolve("fraud@production~" + middle));
            time("resolve fraud@production~<10th event> (walks ~10,000 commits)", 20, () -> r.resolve("fraud@production~" + early));
            time("status --at <middle> (all stages)", 20, () -> r.status(middle));
            time("log --stage production (parse all events, no signatures)", 5, () -> r.log("production"));
        }
    }

    interface Op {
        Object run() throws Exception;
    }

    static void time(String what, int runs, Op op) throws Exception {
        for (int i = 0; i < Math.max(3, runs / 10); i++) {
            op.run(); // warm up
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf("| %s | %.2f ms | %d |%n", what, ms[runs / 2], runs);
    }
}
