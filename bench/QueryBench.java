import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageAssignment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark: the reads of a registry in one process (the library as a serving program or a
 * notebook embeds it), on a registry made by bench/GenerateRegistry.java. Each read is repeated
 * after a warm-up and reported as median and 99th percentile; the first call of each (index
 * checked against the refs, and brought up to date or its documents stored if need be) is
 * reported apart. Usage:
 *
 *   java -cp registry-cli/target/git-model.jar bench/QueryBench.java <registry> [iterations] [writes]
 *
 * With writes > 0 it also times that many registrations and promotions (this changes the registry).
 *
 * Prints a Markdown table. To compare with reads that go to Git, run it after
 * {@code git -C <registry> config gitmodel.index false}.
 */
public final class QueryBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int writes = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        long t0 = System.nanoTime();
        try (Registry r = Registry.open(dir)) {
            double open = ms(System.nanoTime() - t0);
            long f0 = System.nanoTime();
            int all = r.search().call().size(); // stores every document the index lacks, in one write
            double fill = ms(System.nanoTime() - f0);
            List<ModelName> models = r.models();
            List<StageAssignment> status = r.status(null);
            List<String> produced = status.stream().filter(a -> a.stage().value().equals("production"))
                    .map(a -> a.model().value() + "@production").toList();
            Random random = new Random(42);
            List<String> exact = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                ModelName m = models.get(random.nextInt(models.size()));
                exact.add(m.value() + "@v" + (1 + random.nextInt(r.versions(m.value()).size())));
            }
            System.out.printf("registry %s: %,d models, %,d versions, %d models in production; open %.1f ms; first"
                    + " search of every version %.0f ms%n%n", dir, models.size(), all, produced.size(), open, fill);
            System.out.println("| read (in-process) | first call | median | p99 |");
            System.out.println("|---|---|---|---|");
            time("`resolve name@vN` (random)", iterations, i -> r.resolve(exact.get(i % exact.size())));
            if (!produced.isEmpty()) {
                time("`resolve name@production`", iterations, i -> r.resolve(produced.get(i % produced.size())));
            }
            time("`versions` of one model", Math.max(20, iterations / 20), i -> r.versions(models.get(i % models.size()).value()));
            time("`status`", Math.max(20, iterations / 20), i -> r.status(null));
            time("filtered query `metrics.auc >= 0.99 AND tags.team = 'risk'`, limit 5", 10,
                    i -> r.search().where("metrics.auc >= 0.99 AND tags.team = 'risk'").sort("metrics.auc", true).limit(5).call());
            time("`list` (newest version of every model)", 10, i -> r.search().latestOnly().call());
            if (writes > 0) { // changes the registry: each run registers and promotes more versions
                java.nio.file.Path artifact = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("bench", ".bin"), "w");
                ModelName m = models.get(0);
                time("write: `register` (index brought up to date)", writes, i -> r.register(m.value()).artifact(artifact).call());
                int top = r.versions(m.value()).size();
                java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
                time("write: `promote` to staging", writes, i -> r.promote(m.value() + "@v" + (top - next.getAndIncrement() % top),
                        "staging").reason("bench").call());
            }
        }
    }

    interface Read {
        Object run(int i) throws Exception;
    }

    static void time(String what, int n, Read read) throws Exception {
        long f0 = System.nanoTime();
        read.run(0);
        double first = ms(System.nanoTime() - f0);
        int warm = Math.max(5, n / 4);
        for (int i = 0; i < warm; i++) {
            read.run(i);
        }
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            read.run(i);
            t[i] = ms(System.nanoTime() - s);
        }
        Arrays.sort(t);
        System.out.printf("| %s | %s | %s | %s |%n", what, fmt(first), fmt(t[n / 2]), fmt(t[Math.min(n - 1, (int) (n * 0.99))]));
    }

    static String fmt(double ms) {
        return ms < 1 ? String.format("%.3f ms", ms) : ms < 100 ? String.format("%.1f ms", ms) : String.format("%.0f ms", ms);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
