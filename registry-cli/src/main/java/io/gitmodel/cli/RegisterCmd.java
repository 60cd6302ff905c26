package io.gitmodel.cli;

import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.RegisterCommand;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register", header = "Register a new version of a model.", mixinStandardHelpOptions = true,
        description = {"Register a new version of a model and print its reference (e.g. fraud@v3) on stdout.",
            "Artifacts are stored in the registry's Git LFS object store; the version number is assigned by "
            + "the registry. The training code's Git commit and the runtime are recorded automatically."})
final class RegisterCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<name>", description = "The model name, e.g. fraud.")
    String name;

    @Option(names = {"-a", "--artifact"}, paramLabel = "[<path>=]<file>",
            description = "A file (stored under its file name) or a directory (its files, recursively). "
                    + "Prefix with <path>= to store it under another path. Repeatable.")
    List<String> artifacts = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "<k>=<v>", description = "A metric: a finite number. Repeatable.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--param", paramLabel = "<k>=<v>",
            description = "A parameter; true/false, integers and decimals are stored as such, anything else as text. Repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "<k>=<v>", description = "A tag (text). Repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "<uri>[@sha256:<hex>]", description = "A data set, with its digest if known. Repeatable.")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--parent", paramLabel = "<ref>", description = "A model version this one derives from, e.g. fraud@v2. Repeatable.")
    List<String> parents = new ArrayList<>();

    @Option(names = {"-d", "--description"}, paramLabel = "<text>", description = "What this version is.")
    String description;

    @Option(names = "--library", paramLabel = "<name>=<version>", description = "A library version to record in the environment. Repeatable.")
    List<String> libraries = new ArrayList<>();

    @Option(names = "--model-card", paramLabel = "<file>", description = "A Markdown model card to store as models/<name>/README.md.")
    String modelCard;

    @Option(names = "--no-source", description = "Do not record the Git repository around the current directory as the source code.")
    boolean noSource;

    @Option(names = "--no-artifacts", description = "Register a version without artifacts (metadata only). Without it, a "
            + "register with no --artifact is refused: it is usually a forgotten --artifact.")
    boolean noArtifacts;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            RegisterCommand command = registry.register(name).progress(ProgressBar.forTerminal(err(), root.quiet));
            for (String a : artifacts) {
                int eq = a.indexOf('=');
                if (eq > 0) {
                    command.artifact(a.substring(0, eq), root.context.resolve(a.substring(eq + 1)));
                } else {
                    command.artifact(root.context.resolve(a));
                }
            }
            for (String m : metrics) {
                KeyValue kv = KeyValue.parse("--metric", m);
                command.metric(kv.key(), parseMetric(kv));
            }
            for (String p : params) {
                KeyValue kv = KeyValue.parse("--param", p);
                command.param(kv.key(), Numbers.parseScalar(kv.value()));
            }
            for (String t : tags) {
                KeyValue kv = KeyValue.parse("--tag", t);
                command.tag(kv.key(), kv.value());
            }
            for (String l : libraries) {
                KeyValue kv = KeyValue.parse("--library", l);
                command.library(kv.key(), kv.value());
            }
            datasets.forEach(d -> command.dataset(Dataset.parse(d)));
            parents.forEach(command::parent);
            if (description != null) {
                command.description(description);
            }
            if (modelCard != null) {
                command.modelCard(readCard());
            }
            if (noSource) {
                command.source(null);
            }
            if (artifacts.isEmpty() && !noArtifacts) {
                // `register modeldir` registers a model named modeldir with nothing in it: almost always a slip
                boolean isPath = Files.exists(root.context.resolve(name));
                throw new InvalidInputException("register " + name + ": no artifact given, so the"
                        + " version would hold no files; " + (isPath ? "to register " + name + " as the model's files, use"
                                + " --artifact " + name + " with a model name (e.g. register fraud --artifact " + name + "); " : "")
                        + "add --artifact <file-or-dir>, or --no-artifacts for a version without files");
            }
            if (!artifacts.isEmpty() && noArtifacts) {
                throw new InvalidInputException("--no-artifacts and --artifact contradict each other");
            }
            ModelVersion v = command.call();
            out().println(v.ref());
            note("Registered " + v.ref() + " (" + v.artifacts().size() + " artifact" + (v.artifacts().size() == 1 ? "" : "s")
                    + ", " + Sizes.human(v.totalArtifactSize()) + ", commit " + v.commit().substring(0, 12) + ")");
        }
    }

    private static double parseMetric(KeyValue kv) {
        Double value = Numbers.parseDecimal(kv.value());
        if (value == null) {
            throw new InvalidValueException("metric \"" + kv.key() + "\" must be a finite decimal number such as 0.94 or 1e-4, got \""
                    + kv.value() + "\"");
        }
        return value;
    }

    private String readCard() {
        try {
            return Files.readString(root.context.resolve(modelCard), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidValueException("cannot read model card " + modelCard + ": " + e.getMessage());
        }
    }
}
