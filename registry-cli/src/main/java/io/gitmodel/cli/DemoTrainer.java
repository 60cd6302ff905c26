package io.gitmodel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;

/**
 * Trains the quickstart's small model: logistic regression on a synthetic, seeded "fraud" data
 * set, so the demo registers real artifacts with real metrics without downloading anything.
 */
final class DemoTrainer {
    static final String[] FEATURES = {"amount", "hour", "merchant_risk", "card_age_days"};
    private static final int ROWS = 2000;
    private static final long SEED = 42;

    /** What one training run produced. */
    record Result(Path model, Path features, Path dataset, String datasetDigest, double auc, double accuracy, int epochs,
            double learningRate, int featureCount) {
    }

    private final double[][] x = new double[ROWS][FEATURES.length];
    private final int[] y = new int[ROWS];

    DemoTrainer() {
        Random random = new Random(SEED);
        double[] truth = {1.8, -0.6, 2.4, -1.1};
        for (int i = 0; i < ROWS; i++) {
            double z = -1.0;
            for (int j = 0; j < FEATURES.length; j++) {
                x[i][j] = random.nextGaussian();
                z += truth[j] * x[i][j];
            }
            y[i] = random.nextDouble() < sigmoid(z) ? 1 : 0;
        }
    }

    /**
     * Trains for {@code epochs} of batch gradient descent on the first {@code featureCount}
     * features and writes the artifacts into {@code dir}.
     */
    Result train(Path dir, int epochs, double learningRate, int featureCount) throws IOException {
        Files.createDirectories(dir);
        double[] w = new double[featureCount];
        double b = 0;
        for (int e = 0; e < epochs; e++) {
            double[] grad = new double[featureCount];
            double gradB = 0;
            for (int i = 0; i < ROWS; i++) {
                double err = predict(w, b, x[i]) - y[i];
                for (int j = 0; j < w.length; j++) {
                    grad[j] += err * x[i][j];
                }
                gradB += err;
            }
            for (int j = 0; j < w.length; j++) {
                w[j] -= learningRate * grad[j] / ROWS;
            }
            b -= learningRate * gradB / ROWS;
        }
        Path model = dir.resolve("model.json");
        StringBuilder json = new StringBuilder("{\n  \"type\": \"logistic_regression\",\n  \"bias\": ")
                .append(fmt(b)).append(",\n  \"weights\": {");
        for (int j = 0; j < featureCount; j++) {
            json.append(j == 0 ? "\n" : ",\n").append("    \"").append(FEATURES[j]).append("\": ").append(fmt(w[j]));
        }
        Files.writeString(model, json.append("\n  }\n}\n"), StandardCharsets.UTF_8);
        Path features = dir.resolve("features.txt");
        Files.writeString(features, String.join("\n", java.util.Arrays.copyOf(FEATURES, featureCount)) + "\n", StandardCharsets.UTF_8);
        Path dataset = writeDataset(dir.resolve("train.csv"));
        return new Result(model, features, dataset, "sha256:" + sha256(dataset), auc(w, b), accuracy(w, b), epochs, learningRate,
                featureCount);
    }

    private Path writeDataset(Path file) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", FEATURES)).append(",label\n");
        for (int i = 0; i < ROWS; i++) {
            for (double v : x[i]) {
                csv.append(fmt(v)).append(',');
            }
            csv.append(y[i]).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private double accuracy(double[] w, double b) {
        int right = 0;
        for (int i = 0; i < ROWS; i++) {
            right += (predict(w, b, x[i]) >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
        }
        return round((double) right / ROWS);
    }

    /** Area under the ROC curve: the chance a random positive scores above a random negative. */
    private double auc(double[] w, double b) {
        double[] scores = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            scores[i] = predict(w, b, x[i]);
        }
        long pairs = 0;
        double wins = 0;
        for (int i = 0; i < ROWS; i++) {
            if (y[i] != 1) {
                continue;
            }
            for (int k = 0; k < ROWS; k++) {
                if (y[k] == 0) {
                    pairs++;
                    wins += scores[i] > scores[k] ? 1 : scores[i] == scores[k] ? 0.5 : 0;
                }
            }
        }
        return round(wins / pairs);
    }

    private static double predict(double[] w, double b, double[] row) {
        double z = b;
        for (int j = 0; j < w.length; j++) {
            z += w[j] * row[j];
        }
        return sigmoid(z);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
