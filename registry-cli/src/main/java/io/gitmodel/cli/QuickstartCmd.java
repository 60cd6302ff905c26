package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quickstart", header = "Create a demo registry and walk through the main job.", mixinStandardHelpOptions = true,
        description = "Create a demo registry and walk through the main job with a team of two: dana, a data scientist, "
            + "trains two versions of a fraud model and registers them with their artifacts, metrics, parameters, data set "
            + "and model card; promotes them to staging and requests production; lee, the ML lead, approves; dana merges; "
            + "then production is rolled back, and the history, what production held in the past, and a verification of "
            + "the whole registry are shown. "
            + "In a checkout of the sources the versions are trained by the examples' Tribuo training job (bin/git-model "
            + "builds it); elsewhere by a small built-in logistic regression. "
            + "Each person signs with a throwaway SSH key made for the demo (with ssh-keygen; without it the demo is unsigned "
            + "and needs no approval). The demo's events are dated over the past few days so that status --at has a past "
            + "to look at. Re-running replaces the demo.")
final class QuickstartCmd extends BaseCmd {
    /** Set by bin/git-model in a checkout, once the examples are built: their directory. */
    static final String EXAMPLES_ENV = "GIT_MODEL_EXAMPLES";

    @Option(names = "--dir", paramLabel = "<dir>", description = "Where to create the demo (default: ./git-model-demo).")
    String dir = "git-model-demo";

    @Override
    void run() throws RegistryException {
        long started = System.nanoTime();
        Path target = root.context.resolve(dir);
        prepare(target);
        DemoClock clock = new DemoClock(Instant.now().minusSeconds(3 * 24 * 3600));
        RegistryConfig config = Configs.forCli(root.context).toBuilder().clock(clock).build();
        DemoRegistry team;
        try {
            team = DemoRegistry.create(target, config);
        } catch (RegistryException | RuntimeException e) {
            removeContents(target); // it was empty or absent: nothing of the user's is lost, and a re-run starts clean
            throw e;
        }
        String where = typed(target);
        note("Created a registry in " + where + " for a team of two"
                + (team.withApprovals() ? ", each with a throwaway SSH key:" : " (ssh-keygen is not installed: unsigned, no approvals):"));
        note("  dana (" + DemoRegistry.DANA.email() + ")  data scientist and admin: trains, registers, requests production");
        note("  lee  (" + DemoRegistry.LEE.email() + ")   ML lead: approves production" + (team.withApprovals() ? " (one approval needed)" : ""));
        Path examples = examples();
        boolean trainedByExamples;
        try (Registry dana = team.openAsDana(target);
                DemoTraining training = training(examples, dana.gitDirectory())) {
            note("Training with " + training.describe());
            trainedByExamples = training instanceof ExampleTraining;
            new DemoWalkthrough(team, dana, target, where, clock, out(), args -> read(target, args)).run(training);
        }
        // the serving example needs the ONNX model only the examples' job registers
        NextSteps.print(out(), new NextSteps.Demo(where, launcher(), team.withApprovals() ? typed(team.leeKey()) : null,
                trainedByExamples ? typed(examples.resolve("run")) : null,
                trainedByExamples ? typed(examples.resolve("team-flow.sh")) : null));
        out().printf(Locale.ROOT, "%nQuickstart done in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    }

    /** The examples' directory the launcher named, when it holds the examples' run script. */
    private Path examples() {
        String named = root.context.env().get(EXAMPLES_ENV);
        if (named == null || named.isBlank()) {
            return null;
        }
        Path examples = root.context.resolve(named);
        return Files.isRegularFile(examples.resolve("run")) ? examples : null;
    }

    private DemoTraining training(Path examples, Path gitDir) {
        if (examples != null) {
            try {
                return ExampleTraining.load(examples, typed(examples.resolve("run")));
            } catch (RegistryConfigurationException e) {
                note("(" + e.getMessage() + "; the demo trains its built-in model instead)");
            }
        }
        return new BuiltInTraining(gitDir.resolve(DemoRegistry.MARKER + "-work"), () -> ProgressBar.forTerminal(err(), root.quiet));
    }

    /** A path as the user would type it in a shell: relative below the working directory, else absolute. */
    private String typed(Path path) {
        Path cwd = root.context.workingDirectory().toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(cwd)) {
            return ShellWords.quote(p.toString());
        }
        String relative = cwd.relativize(p).toString();
        return relative.isEmpty() ? "." : ShellWords.quote(relative);
    }

    private String launcher() {
        return ShellWords.quote(root.context.env().getOrDefault("GIT_MODEL_LAUNCHER", "git-model"));
    }

    private void read(Path target, String[] args) {
        String[] full = new String[args.length + 2];
        full[0] = "-C";
        full[1] = target.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        Main.run(out(), err(), root.context.env(), root.context.workingDirectory(), full);
    }

    /** Removes a previous demo; refuses to touch anything quickstart did not create. */
    private void prepare(Path target) throws RegistryException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new RegistryConfigurationException(target + " is a file, not a directory; choose another place for the demo"
                    + " with --dir");
        }
        if (!Files.exists(target.resolve(".git").resolve(DemoRegistry.MARKER))) {
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
        try {
            FileTrees.deleteContents(target); // kept: it may be the working directory (--dir .)
        } catch (IOException e) {
            throw new RegistryIOException("cannot remove the previous demo in " + target, e);
        }
    }

    private void removeContents(Path target) {
        try {
            if (Files.isDirectory(target)) {
                FileTrees.deleteContents(target); // kept: it may be the working directory (--dir .)
            }
        } catch (IOException e) {
            note("(could not remove the unfinished demo in " + target + ": " + e.getMessage() + ")");
        }
    }
}
