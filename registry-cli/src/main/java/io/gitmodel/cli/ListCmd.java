package io.gitmodel.cli;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", header = "List the models, with their newest version.", mixinStandardHelpOptions = true,
        description = {"List the models, with their newest version; --where, --sort and --limit choose among those "
            + "newest versions.",
            "--json prints an array of the newest versions; --yaml their model.yaml documents; --csv a row per version."})
final class ListCmd extends BaseCmd {
    @Mixin
    QueryOptions query;

    @Mixin
    OutputOptions output;

    @Mixin
    CsvOption csv;

    @Override
    void run() throws RegistryException {
        csv.checkAlone(output);
        try (Registry registry = root.openRegistry()) {
            List<ModelVersion> latest = new ArrayList<>();
            if (query.given()) {
                latest.addAll(query.applyTo(registry.search().latestOnly()).call());
            } else {
                for (ModelName name : registry.models()) {
                    latest.add(registry.resolve(ModelRef.latest(name)));
                }
            }
            if (csv.printVersions(out(), latest, output)) {
                return;
            }
            if (latest.isEmpty() && query.given()) {
                note("No model's newest version matches.");
                return;
            }
            if (latest.isEmpty()) {
                note("No models yet. Register one with: git-model register <name> --artifact <file>");
                return;
            }
            Views.models(out(), latest);
        }
    }
}
