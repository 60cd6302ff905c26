package io.gitmodel.examples;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ListExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A training job as a team would write one: makes (or reads) its data set, holds out a test
 * split, trains a logistic regression with Tribuo, evaluates it, and registers the model in two
 * forms (Tribuo's own and ONNX, for serving with ONNX Runtime) with its metrics, hyperparameters,
 * the data set's URI and sha256, the training code's commit (captured by the library), the
 * environment and a generated model card.
 *
 * <pre>examples/run TribuoTrainingJob &lt;registry&gt; [--name fraud] [--epochs 10] [--learning-rate 0.5] [--seed 1]</pre>
 */
public final class TribuoTrainingJob {
    /** The job's settings: the hyperparameters and where the data goes. */
    public record Settings(String model, int epochs, double learningRate, long seed, int rows, Path workDir) {
        public static Settings defaults(Path workDir) {
            return new Settings("fraud", 10, 0.5, 1L, 5_000, workDir);
        }

        /** The defaults changed by {@code --name}, {@code --epochs}, {@code --learning-rate} and {@code --seed}. */
        public static Settings parse(String[] options, Path workDir) {
            Settings s = defaults(workDir);
            for (int i = 0; i < options.length; i += 2) {
                if (i + 1 == options.length) {
                    throw new IllegalArgumentException("option " + options[i] + " needs a value");
                }
                String value = options[i + 1];
                try {
                    s = switch (options[i]) {
                        case "--name" -> new Settings(value, s.epochs(), s.learningRate(), s.seed(), s.rows(), s.workDir());
                        case "--epochs" -> new Settings(s.model(), Integer.parseInt(value), s.learningRate(), s.seed(), s.rows(), s.workDir());
                        case "--learning-rate" -> new Settings(s.model(), s.epochs(), Double.parseDouble(value), s.seed(), s.rows(), s.workDir());
                        case "--seed" -> new Settings(s.model(), s.epochs(), s.learningRate(), Long.parseLong(value), s.rows(), s.workDir());
                        default -> throw new IllegalArgumentException("unknown option " + options[i]);
                    };
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("option " + options[i] + ": \"" + value + "\" is not a number");
                }
            }
            if (s.epochs() < 1) {
                throw new IllegalArgumentException("option --epochs: " + s.epochs() + " is not a positive number of epochs");
            }
            if (!(s.learningRate() > 0) || Double.isInfinite(s.learningRate())) {
                throw new IllegalArgumentException("option --learning-rate: " + s.learningRate() + " is not a positive number");
            }
            return s;
        }
    }

    /** Held here: java.util.logging keeps loggers weakly, and a level set on a collected one is lost. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private static final String USAGE =
            "usage: TribuoTrainingJob <registry> [--name <model>] [--epochs <n>] [--learning-rate <x>] [--seed <n>]";

    private TribuoTrainingJob() {
    }

    public static void main(String[] args) throws Exception {
        String[] options = args.length < 1 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        try {
            if (args.length < 1) {
                throw new IllegalArgumentException("no registry");
            }
            Settings.parse(options, Path.of(".")); // bad options are a usage error before anything starts
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        try (Registry registry = Registry.open(Path.of(args[0]))) {
            ModelVersion v = train(registry, options);
            System.out.printf(Locale.ROOT, "%s auc=%.4f accuracy=%.4f%n", v.ref(), v.metrics().get("auc"), v.metrics().get("accuracy"));
        } catch (io.gitmodel.registry.errors.RegistryException e) {
            System.err.println("TribuoTrainingJob: error: " + e.getMessage()); // says what and what to do
            System.exit(1);
        } catch (io.gitmodel.registry.errors.InvalidInputException e) { // e.g. a model name the registry refuses
            System.err.println("TribuoTrainingJob: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
    }

    /**
     * Runs the job on an open registry with the command line's options ({@code --epochs 15}), in a
     * working directory it removes afterwards. {@code git-model quickstart} calls this to train
     * its two versions with the demo registry's clock and keys.
     *
     * @throws IllegalArgumentException for an unknown option or a value that does not parse
     */
    public static ModelVersion train(Registry registry, String... options) throws Exception {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING); // no per-epoch loss lines
        Path work = Files.createTempDirectory("training-job");
        try {
            return train(registry, Settings.parse(options, work));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Trains, evaluates and registers; returns the registered version. */
    public static ModelVersion train(Registry registry, Settings s) throws Exception {
        LabelFactory labels = new LabelFactory();
        List<FraudData.Row> rows = FraudData.generate(s.rows(), 42); // the data is fixed; the job's seed shuffles and trains
        Path data = FraudData.write(rows, s.workDir().resolve("transactions.csv"));
        List<FraudData.Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(s.seed()));
        int cut = shuffled.size() * 4 / 5;
        SimpleDataSourceProvenance provenance = new SimpleDataSourceProvenance(FraudData.uri(s.rows(), 42),
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), labels);
        MutableDataset<Label> train = dataset(shuffled.subList(0, cut), provenance, labels);
        MutableDataset<Label> test = dataset(shuffled.subList(cut, shuffled.size()), provenance, labels);

        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(s.learningRate()), s.epochs(), s.seed());
        Model<Label> model = trainer.train(train);
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, test);
        Label fraud = labels.generateOutput("fraud");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", eval.AUCROC(fraud));
        metrics.put("accuracy", eval.accuracy());
        metrics.put("precision", eval.precision(fraud));
        metrics.put("recall", eval.recall(fraud));
        metrics.put("f1", eval.f1(fraud));

        Path tribuoFile = s.workDir().resolve("model.tribuo");
        model.serializeToFile(tribuoFile);
        Path onnxFile = s.workDir().resolve("model.onnx");
        ((ONNXExportable) model).saveONNXModel("io.gitmodel.examples", 1, onnxFile);

        return registry.register(s.model())
                .artifact("model.tribuo", tribuoFile)
                .artifact("model.onnx", onnxFile)
                .metrics(metrics)
                .param("trainer", "logistic regression (Tribuo LinearSGDTrainer, LogMulticlass, AdaGrad)")
                .param("epochs", (long) s.epochs())
                .param("learning_rate", s.learningRate())
                .param("seed", s.seed())
                .param("train_rows", (long) train.size())
                .param("test_rows", (long) test.size())
                .param("features", String.join(",", FraudData.FEATURES))
                // what the ONNX graph expects and answers: its input columns and output classes, in the model's order
                .param("onnx_inputs", String.join(",", inputOrder(model)))
                .param("onnx_outputs", String.join(",", outputOrder(model)))
                .tag("task", "binary-classification")
                .tag("framework", "tribuo")
                .dataset(FraudData.uri(s.rows(), 42), "sha256:" + TrainingJob.Digests.sha256(data))
                .library("tribuo", org.tribuo.Tribuo.VERSION)
                .description(String.format(Locale.ROOT, "logistic regression on card transactions, %d epochs, learning rate %s",
                        s.epochs(), s.learningRate()))
                .modelCard(card(s, metrics, train.size(), test.size()))
                .call();
    }

    /** The feature names in the order of the model's feature ids: the columns of the ONNX input. */
    static List<String> inputOrder(Model<Label> model) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < model.getFeatureIDMap().size(); i++) {
            out.add(model.getFeatureIDMap().get(i).getName());
        }
        return out;
    }

    /** The labels in the order of the model's output ids: the columns of the ONNX output. */
    static List<String> outputOrder(Model<Label> model) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < model.getOutputIDInfo().size(); i++) {
            out.add(model.getOutputIDInfo().getOutput(i).getLabel());
        }
        return out;
    }

    private static MutableDataset<Label> dataset(List<FraudData.Row> rows, SimpleDataSourceProvenance provenance, LabelFactory labels) {
        MutableDataset<Label> out = new MutableDataset<>(provenance, labels);
        for (FraudData.Row r : rows) {
            out.add(new ListExample<>(labels.generateOutput(r.label()), FraudData.FEATURES, r.features()));
        }
        return out;
    }

    /** The model card: what it is for, what it was trained and judged on, how well it does, and its limits. */
    static String card(Settings s, Map<String, Double> metrics, int trainRows, int testRows) {
        StringBuilder m = new StringBuilder();
        m.append("# ").append(s.model()).append(": card-fraud classifier\n\n");
        m.append("Scores a card transaction as `fraud` or `legit`. Intended for ranking transactions for review, ")
                .append("not for declining them without a person looking.\n\n");
        m.append("## Training\n\n");
        m.append(String.format(Locale.ROOT, "- Logistic regression (Tribuo `LinearSGDTrainer`, log loss, AdaGrad), %d epochs, "
                + "learning rate %s, seed %d.%n", s.epochs(), s.learningRate(), s.seed()));
        m.append(String.format(Locale.ROOT, "- Data: %d synthetic transactions (features: %s), %d for training, %d held out.%n%n",
                trainRows + testRows, String.join(", ", FraudData.FEATURES), trainRows, testRows));
        m.append("## Evaluation on the held-out split\n\n| metric | value |\n|---|---|\n");
        metrics.forEach((k, v) -> m.append(String.format(Locale.ROOT, "| %s | %.4f |%n", k, v)));
        m.append("\n## Limitations\n\n- Trained on synthetic data: a demonstration, not a production model.\n")
                .append("- Precision and recall are for the `fraud` class at the 0.5 threshold.\n");
        return m.toString();
    }
}
