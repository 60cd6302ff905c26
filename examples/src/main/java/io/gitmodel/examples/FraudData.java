package io.gitmodel.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A card-transaction data set made deterministically from a seed (no download, no licence to
 * carry): five features and a label, "fraud" for about one transaction in eight, drawn from a
 * known logistic model with noise, so a linear model can learn it but not perfectly.
 */
public final class FraudData {
    /** The feature columns, in CSV order after the label. */
    public static final String[] FEATURES = {"log_amount", "night", "merchant_risk", "velocity", "foreign"};

    /** One transaction. */
    public record Row(String label, double[] features) {
    }

    private FraudData() {
    }

    /** The URI the registry records for the rows of {@code generate(n, seed)}: the same data, wherever the file is written. */
    public static String uri(int n, long seed) {
        return "synthetic://card-transactions/" + n + "-rows-seed-" + seed + ".csv";
    }

    /** {@code n} rows from {@code seed}: the same seed always gives the same rows. */
    public static List<Row> generate(int n, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double logAmount = 3.0 + 1.2 * random.nextGaussian();
            double night = random.nextDouble() < 0.25 ? 1 : 0;
            double merchantRisk = random.nextDouble();
            double velocity = Math.max(0, 1.5 + random.nextGaussian());
            double foreign = random.nextDouble() < 0.15 ? 1 : 0;
            double z = -5.2 + 0.55 * logAmount + 1.1 * night + 2.4 * merchantRisk + 0.6 * velocity + 1.3 * foreign
                    + 0.8 * random.nextGaussian();
            String label = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? "fraud" : "legit";
            rows.add(new Row(label, new double[] {logAmount, night, merchantRisk, velocity, foreign}));
        }
        return rows;
    }

    /** Writes rows as CSV ({@code label} first, then {@link #FEATURES}); the file the registry records with its digest. */
    public static Path write(List<Row> rows, Path file) throws IOException {
        StringBuilder csv = new StringBuilder("label," + String.join(",", FEATURES) + "\n");
        for (Row r : rows) {
            csv.append(r.label());
            for (double f : r.features()) {
                csv.append(',').append(String.format(Locale.ROOT, "%.6f", f));
            }
            csv.append('\n');
        }
        return Files.writeString(file, csv, StandardCharsets.UTF_8);
    }
}
