package io.gitmodel.cli;

import io.gitmodel.registry.ImportDirectoryCommand;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", header = "Bring models kept elsewhere into the registry.", mixinStandardHelpOptions = true,
        description = {"Bring versions kept outside a registry into it, in order, as registrations of their own."},
        subcommands = {ImportCmd.Dir.class, ImportCmd.Gto.class})
final class ImportCmd implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: dir or gto");
    }

    /** Base of the import subcommands: the root options live two levels up. */
    abstract static class ImportSub extends BaseCmd {
        @Mixin
        OutputOptions output;

        @Override
        GitModelCommand rootCommand() {
            return (GitModelCommand) spec.root().userObject();
        }
    }

    @Command(name = "dir", header = "Import a directory of versions: one per subdirectory.", mixinStandardHelpOptions = true,
            description = {"Register one version of <model> per subdirectory of <path>, in natural order of their names "
                + "(v2 before v10), for models kept as a bucket and a README. In each subdirectory every file is an "
                + "artifact (its path relative to the subdirectory; hidden files are left out), except README.md (the model "
                + "card) and metrics.json, params.json and tags.json (flat JSON objects: the version's metrics, parameters "
                + "and tags). Each version is tagged imported_from=<subdirectory>.",
                "Every subdirectory is read and checked before the first version is registered. Subdirectories imported "
                + "before are skipped, so running the same import again finishes an interrupted one and imports only new "
                + "subdirectories. A progress bar shows on a terminal (not with --quiet or when piped).",
                "Prints one line per subdirectory: imported <subdirectory> as <name>@v<N>, or skipped <subdirectory> "
                + "(imported before). --json: {imported: [{from, ref, commit}], skipped: [<subdirectory>]}."})
    static final class Dir extends ImportSub {
        @Parameters(index = "0", paramLabel = "<path>", description = "The directory whose subdirectories are the versions.")
        String path;

        @Option(names = "--name", required = true, paramLabel = "<model>", description = "The model the versions belong to.")
        String model;

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                ImportDirectoryCommand.Result r = registry.importDirectory(root.context.resolve(path), model)
                        .progress(ProgressBar.forTerminal(err(), root.quiet)).call();
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("imported", r.imported().stream().map(v -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("from", v.tags().get(ImportDirectoryCommand.FROM_TAG));
                    m.put("ref", v.ref().toString());
                    m.put("commit", v.commit());
                    return m;
                }).toList());
                doc.put("skipped", r.skipped());
                if (output.print(out(), doc)) {
                    return;
                }
                for (String s : r.skipped()) {
                    out().println("skipped " + s + " (imported before)");
                }
                for (ModelVersion v : r.imported()) {
                    out().println("imported " + v.tags().get(ImportDirectoryCommand.FROM_TAG) + " as " + v.ref());
                }
            }
        }
    }

    @Command(name = "gto", header = "Import a registry made by GTO: its tags become versions and stage changes.",
            mixinStandardHelpOptions = true,
            description = {"Read the GTO registry in the Git repository <repo> (its tags name@v1.2.3, name#stage#N, "
                + "name#stage!#N, name@v1.2.3!#, name@deprecated, and artifacts.yaml) and make the same history here, in "
                + "the order the tags were made, each step dated and attributed as its tag was: a registration registers "
                + "the next version number (the semantic version is kept in the tag gto_version) with the files artifacts.yaml "
                + "names as the artifact's path at that commit; a stage tag promotes the version registered on its commit, "
                + "an unassignment demotes it; a deregistration or deprecation archives.",
                "GTO's prod maps to production when the registry declares no prod; map other stages with --stage. Everything "
                + "is checked before the first step is written: names, stages, that stage tags name registered versions, "
                + "the registry's rules (a required stage first; no approvals, which GTO's history cannot carry), and that "
                + "the models were not imported before.",
                "Prints one line per version (imported <gto-tag> as <name>@v<N>) and per stage change. --json: "
                + "{versions: [{gto, ref, commit}], changes: [<change>]}."})
    static final class Gto extends ImportSub {
        @Parameters(index = "0", paramLabel = "<repo>", description = "The Git repository holding the GTO registry.")
        String repo;

        @Option(names = "--stage", paramLabel = "<gto-stage>=<stage>", description = "Map a GTO stage to a stage of this "
                + "registry, e.g. --stage dev=staging. Repeatable.")
        java.util.List<String> stages = new java.util.ArrayList<>();

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                io.gitmodel.registry.ImportGtoCommand command = registry.importGto(root.context.resolve(repo))
                        .progress(ProgressBar.forTerminal(err(), root.quiet));
                for (String s : stages) {
                    int eq = s.indexOf('=');
                    if (eq <= 0 || eq == s.length() - 1) {
                        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stage takes <gto-stage>=<stage>, got '"
                                + s + "'");
                    }
                    command.stage(s.substring(0, eq), s.substring(eq + 1));
                }
                io.gitmodel.registry.ImportGtoCommand.Result r = command.call();
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("versions", r.versions().entrySet().stream().map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("gto", e.getKey());
                    m.put("ref", e.getValue().ref().toString());
                    m.put("commit", e.getValue().commit());
                    return m;
                }).toList());
                doc.put("changes", r.changes());
                if (output.print(out(), doc)) {
                    return;
                }
                r.versions().forEach((tag, v) -> out().println("imported " + tag + " as " + v.ref()));
                r.changes().forEach(c -> out().println("stage change " + c));
            }
        }
    }
}
