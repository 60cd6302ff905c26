package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.StageChange;
import io.gitmodel.registry.StageChangeCommand;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quickstart", header = "Create a demo registry and walk through the main job.", mixinStandardHelpOptions = true,
        description = "Create a demo registry and walk through the main job: train two versions of a small "
            + "fraud model, register them with artifacts, metrics, parameters and data set, promote v1 to staging "
            + "and production, promote v2, roll back, show the history and what production held in the past, and "
            + "verify the whole registry against its policy. "
            + "Stage commits are signed with a throwaway SSH key made for the demo. The demo's events are dated "
            + "over the past few days so that status --at has a past to look at. Re-running replaces the demo.")
final class QuickstartCmd extends BaseCmd {
    private static final String MARKER = "git-model-demo";
    private static final Person DEMO = new Person("git-model quickstart", "quickstart@git-model.invalid");

    @Option(names = "--dir", paramLabel = "<dir>", description = "Where to create the demo (default: ./git-model-demo).")
    String dir = "git-model-demo";

    @Override
    void run() throws RegistryException {
        Path target = root.context.resolve(dir);
        prepare(target);
        Path gitDir = target.resolve(".git");
        DemoClock clock = new DemoClock(Instant.now().minusSeconds(3 * 24 * 3600));
        RegistryConfig config = Configs.forCli(root.context).toBuilder().clock(clock).build();
        boolean signed = DemoKeys.sshKeygenAvailable();
        try (Registry created = Registry.init(target).signed(signed).config(config).call()) {
            Files.writeString(gitDir.resolve(MARKER), "created by git-model quickstart\n");
            if (signed) {
                DemoKeys.configure(gitDir, DEMO.email());
            } else {
                note("(ssh-keygen is not installed: this demo registry allows unsigned stage commits)");
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the demo in " + target, e);
        }
        try (Registry probe = Registry.open(target, config)) {
            probe.identity();
        } catch (RegistryConfigurationException noIdentity) {
            note("(no Git identity configured; the demo acts as \"" + DEMO + "\")");
            config = config.toBuilder().identity(DEMO).build();
        }
        note("Created a registry in " + target);
        try (Registry registry = Registry.open(target, config)) {
            new Walkthrough(registry, clock, target, gitDir.resolve(MARKER + "-work")).run();
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the demo in " + target, e);
        }
    }

    /** The steps of the demo, printed as the commands a user would type. */
    private final class Walkthrough {
        private final Registry registry;
        private final DemoClock clock;
        private final Path target;
        private final Path work;

        Walkthrough(Registry registry, DemoClock clock, Path target, Path work) {
            this.registry = registry;
            this.clock = clock;
            this.target = target;
            this.work = work;
        }

        void run() throws RegistryException, IOException {
            DemoTrainer trainer = new DemoTrainer();
            ModelVersion v1 = register(trainer.train(work.resolve("v1"), 100, 0.5, 2), "baseline: amount and hour only");
            clock.advanceHours(20);
            ModelVersion v2 = register(trainer.train(work.resolve("v2"), 300, 0.5, 4), "adds merchant risk and card age");
            step("versions", "fraud");
            clock.advanceHours(2);
            stage(registry.promote("fraud@v1", "staging"), "promote fraud@v1 staging", "offline evaluation passed");
            StageChange live = stage(registry.promote("fraud@v1", "production"), "promote fraud@v1 production", "first release");
            clock.advanceHours(24);
            stage(registry.promote("fraud@v2", "staging"), "promote fraud@v2 staging", "beats v1 on auc");
            stage(registry.promote("fraud@v2", "production"), "promote fraud@v2 production", "better auc on the holdout set");
            clock.advanceHours(3);
            stage(registry.rollback("fraud", "production"), "rollback fraud production", "false positives up in v2");
            step("status");
            step("history", "fraud");
            Instant past = live.event().at().plusSeconds(3600);
            step("status", "--at", past.toString());
            step("show", "fraud@production");
            step("verify");
            String launcher = root.context.env().getOrDefault("GIT_MODEL_LAUNCHER", "git-model");
            String where = root.context.workingDirectory().relativize(target).toString();
            out().println();
            out().println("The registry is an ordinary Git repository; git log is the audit trail. Try:");
            out().println("  git -C " + where + " log --oneline --decorate --all");
            out().println("  git -C " + where + " log stages/production -- fraud.yaml");
            out().println("  git -C " + where + " verify-commit stages/production");
            out().println("  git -C " + where + " diff " + v1.ref() + " " + v2.ref() + " -- models/fraud/model.yaml");
            out().println("  " + launcher + " -C " + where + " get fraud@production -o fraud-production");
            java.nio.file.Path examples = java.nio.file.Path.of(launcher).toAbsolutePath().normalize().getParent().getParent()
                    .resolve("examples");
            if (java.nio.file.Files.isExecutable(examples.resolve("run"))) { // a checkout of the sources
                String run = examples.resolve("run").toString();
                out().println();
                out().println("From training job to production with the example programs (README: \"From training job to"
                        + " production\"):");
                out().println("  " + run + " TribuoTrainingJob " + where + " --epochs 15   # trains and registers a real model");
                out().println("  " + launcher + " -C " + where + " promote fraud@v3 staging -m eval    # then to production");
                out().println("  " + run + " OnnxServingProgram " + where + " --port 8080   # serves fraud@production, follows it");
                out().println("  " + examples.resolve("team-flow.sh") + "   # a team: request, approve, merge, rollback");
            }
        }

        private ModelVersion register(DemoTrainer.Result r, String description) throws RegistryException {
            ModelVersion v = registry.register("fraud")
                    .artifact(r.model()).artifact(r.features())
                    .metric("auc", r.auc()).metric("accuracy", r.accuracy())
                    .param("epochs", r.epochs()).param("features", r.featureCount())
                    .param("learning_rate", r.learningRate()).param("algorithm", "logistic_regression")
                    .tag("team", "risk")
                    .dataset("file://train.csv", r.datasetDigest())
                    .description(description)
                    .modelCard("# fraud\n\nDemo model from `git-model quickstart`: logistic regression on synthetic transactions.\n")
                    .progress(ProgressBar.forTerminal(err(), root.quiet))
                    .call();
            out().println();
            out().println("$ git-model register fraud --artifact model.json --artifact features.txt --metric auc=" + r.auc()
                    + " --param epochs=" + r.epochs() + " --dataset file://train.csv@" + r.datasetDigest().substring(0, 19) + "...");
            out().println(v.ref());
            return v;
        }

        private StageChange stage(StageChangeCommand<?> command, String shown, String reason) throws RegistryException {
            StageChange change = command.reason(reason).call();
            out().println();
            out().println("$ git-model " + shown + " -m \"" + reason + "\"");
            change.events().forEach(e -> out().println(StageCmd.describe(e)));
            clock.advanceHours(1);
            return change;
        }

        private void step(String... args) {
            out().println();
            out().println("$ git-model " + String.join(" ", args));
            out().flush();
            String[] full = new String[args.length + 2];
            full[0] = "-C";
            full[1] = target.toString();
            System.arraycopy(args, 0, full, 2, args.length);
            Main.run(out(), err(), root.context.env(), root.context.workingDirectory(), full);
        }
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
