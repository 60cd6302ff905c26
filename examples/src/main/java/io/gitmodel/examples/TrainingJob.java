package io.gitmodel.examples;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A training job that embeds git-model: it fits a one-feature linear model by least squares,
 * writes the weights as its artifact, and registers them with metrics, parameters and the data
 * set digest. The Git commit of the code it runs from is recorded automatically.
 *
 * <pre>java -cp examples.jar:... io.gitmodel.examples.TrainingJob /path/to/registry [model-name]</pre>
 */
public final class TrainingJob {
    private TrainingJob() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TrainingJob <registry-dir> [model-name]");
            System.exit(2);
        }
        Path registryDir = Path.of(args[0]);
        String model = args.length > 1 ? args[1] : "demand";
        try (Registry registry = Registry.open(registryDir)) {
            ModelVersion v = train(registry, model, Files.createTempDirectory("training-job"));
            System.out.println(v.ref());
        }
    }

    /** Trains on seeded synthetic data in {@code workDir} and registers the result. */
    public static ModelVersion train(Registry registry, String model, Path workDir) throws Exception {
        Random random = new Random(7);
        int n = 500;
        double[] x = new double[n];
        double[] y = new double[n];
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * 10;
            y[i] = 3.0 * x[i] + 2.0 + random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f%n", x[i], y[i]));
        }
        Path data = Files.writeString(workDir.resolve("train.csv"), csv, StandardCharsets.UTF_8);

        double meanX = mean(x);
        double meanY = mean(y);
        double cov = 0;
        double var = 0;
        for (int i = 0; i < n; i++) {
            cov += (x[i] - meanX) * (y[i] - meanY);
            var += (x[i] - meanX) * (x[i] - meanX);
        }
        double slope = cov / var;
        double intercept = meanY - slope * meanX;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - (slope * x[i] + intercept);
            sse += e * e;
        }
        Path weights = Files.writeString(workDir.resolve("weights.json"),
                String.format(Locale.ROOT, "{\"slope\": %.6f, \"intercept\": %.6f}%n", slope, intercept));

        return registry.register(model)
                .artifact(weights)
                .metric("rmse", Math.sqrt(sse / n))
                .param("method", "least_squares")
                .param("rows", n)
                .dataset(data.toUri().toString(), "sha256:" + Digests.sha256(data))
                .library("java", System.getProperty("java.version"))
                .description("least-squares fit on synthetic demand data")
                .call();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** sha256 of a file, read in chunks. */
    static final class Digests {
        private Digests() {
        }

        static String sha256(Path file) throws IOException {
            try (var in = Files.newInputStream(file)) {
                var digest = java.security.MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[65536];
                int r;
                while ((r = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, r);
                }
                return java.util.HexFormat.of().formatHex(digest.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
