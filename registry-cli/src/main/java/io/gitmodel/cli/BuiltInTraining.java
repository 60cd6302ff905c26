package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The quickstart's training where the examples are not at hand (an unpacked distribution): the
 * command line's own logistic regression ({@link DemoTrainer}), registered as
 * {@code git-model register} would.
 */
final class BuiltInTraining implements DemoTraining {
    private final DemoTrainer trainer = new DemoTrainer();
    private final Path work;
    private final Supplier<ProgressListener> progress;

    BuiltInTraining(Path work, Supplier<ProgressListener> progress) {
        this.work = work;
        this.progress = progress;
    }

    @Override
    public Run train(Registry registry, int n, String registryDir) throws RegistryException {
        DemoTrainer.Result r;
        try {
            r = n == 1 ? trainer.train(work.resolve("v1"), 100, 0.5, 2) : trainer.train(work.resolve("v2"), 300, 0.5, 4);
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the demo's model in " + work, e);
        }
        ModelVersion v = registry.register("fraud")
                .artifact(r.model()).artifact(r.features())
                .metric("auc", r.auc()).metric("accuracy", r.accuracy())
                .param("epochs", r.epochs()).param("features", r.featureCount())
                .param("learning_rate", r.learningRate()).param("algorithm", "logistic_regression")
                .tag("team", "risk")
                .dataset("file://train.csv", r.datasetDigest())
                .description(n == 1 ? "baseline: amount and hour only" : "adds merchant risk and card age")
                .modelCard("# fraud\n\nDemo model from `git-model quickstart`: logistic regression on synthetic transactions.\n")
                .progress(progress.get())
                .call();
        String command = "git-model -C " + registryDir + " register fraud --artifact model.json --artifact features.txt --metric auc="
                + r.auc() + " --param epochs=" + r.epochs() + " --dataset file://train.csv@" + r.datasetDigest();
        return new Run(command, v, v.ref().toString());
    }

    @Override
    public String describe() {
        return "a small built-in logistic regression (the Tribuo training job is in examples/ of a checkout of the sources)";
    }

    @Override
    public void close() {
        // nothing held
    }
}
