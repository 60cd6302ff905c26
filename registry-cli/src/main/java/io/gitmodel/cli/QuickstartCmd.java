package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.RegisterCommand;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Create a demo registry and walk through the main job:",
            "trains two versions of a small fraud model, registers them with their artifacts, metrics,",
            "parameters and data set, then shows the registry. Re-running replaces the previous demo."})
final class QuickstartCmd extends BaseCmd {
    private static final String MARKER = "git-model-demo";
    private static final Person DEMO = new Person("git-model quickstart", "quickstart@git-model.invalid");

    @Option(names = "--dir", paramLabel = "<dir>", description = "Where to create the demo (default: ./git-model-demo).")
    String dir = "git-model-demo";

    @Override
    void run() throws RegistryException {
        Path target = root.context.resolve(dir);
        prepare(target);
        Path work = target.resolve(".git").resolve(MARKER + "-work");
        RegistryConfig config = Configs.forCli(root.context);
        try (Registry registry = Registry.init(target).config(config).call()) {
            Files.writeString(target.resolve(".git").resolve(MARKER), "created by git-model quickstart\n");
            note("Created a registry in " + target + "\n");
            DemoTrainer trainer = new DemoTrainer();
            ModelVersion v1 = register(registry, trainer.train(work.resolve("v1"), 100, 0.5, 2), "baseline: amount and hour only");
            ModelVersion v2 = register(registry, trainer.train(work.resolve("v2"), 300, 0.5, 4), "adds merchant risk and card age");
            step(target, "list");
            step(target, "versions", "fraud");
            step(target, "show", v2.ref().toString());
            out().println();
            out().println("The registry is an ordinary Git repository. Try:");
            String launcher = root.context.env().getOrDefault("GIT_MODEL_LAUNCHER", "git-model");
            String where = root.context.workingDirectory().relativize(target).toString();
            out().println("  git -C " + where + " log --oneline --decorate");
            out().println("  git -C " + where + " diff " + v1.ref() + " " + v2.ref() + " -- models/fraud/model.yaml");
            out().println("  " + launcher + " -C " + where + " get fraud@latest -o fraud-latest");
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the demo in " + target, e);
        }
    }

    private ModelVersion register(Registry registry, DemoTrainer.Result r, String description) throws RegistryException {
        try {
            return registerAs(registry, r, description, null);
        } catch (RegistryConfigurationException noIdentity) {
            note("(no Git identity configured; the demo registers as \"" + DEMO + "\")");
            return registerAs(registry, r, description, DEMO);
        }
    }

    private ModelVersion registerAs(Registry registry, DemoTrainer.Result r, String description, Person who)
            throws RegistryException {
        RegisterCommand command = registry.register("fraud")
                .artifact(r.model()).artifact(r.features())
                .metric("auc", r.auc()).metric("accuracy", r.accuracy())
                .param("epochs", r.epochs()).param("features", r.featureCount()).param("learning_rate", r.learningRate()).param("algorithm", "logistic_regression")
                .tag("team", "risk")
                .dataset("file://train.csv", r.datasetDigest())
                .description(description)
                .modelCard("# fraud\n\nDemo model from `git-model quickstart`: logistic regression on synthetic transactions.\n")
                .progress(ProgressBar.forTerminal(err(), root.quiet));
        if (who != null) {
            command.createdBy(who);
        }
        ModelVersion v = command.call();
        out().println("$ git-model register fraud --artifact model.json --artifact features.txt --metric auc=" + r.auc() + " ...");
        out().println(v.ref());
        return v;
    }

    /** Runs a git-model command against the demo and shows it as typed. */
    private void step(Path registry, String... args) {
        out().println();
        out().println("$ git-model " + String.join(" ", args));
        out().flush();
        String[] full = new String[args.length + 2];
        full[0] = "-C";
        full[1] = registry.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        Main.run(out(), err(), root.context.env(), root.context.workingDirectory(), full);
    }

    /** Removes a previous demo; refuses to touch anything quickstart did not create. */
    private void prepare(Path target) throws RegistryException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.exists(target.resolve(".git").resolve(MARKER))) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            } catch (IOException e) {
                throw new RegistryIOException("cannot read " + target, e);
            }
            throw new RegistryConfigurationException(target + " exists and was not created by quickstart; remove it or choose"
                    + " another directory with --dir");
        }
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot remove the previous demo in " + target, e);
        }
    }
}
