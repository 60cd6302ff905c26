package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.SearchCommand;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", header = "Find versions by text, filter, order and limit.", mixinStandardHelpOptions = true,
        description = {"Find versions of every model: those whose name, description, or a tag key or value contains the "
            + "text (ignoring case), and for which --where holds; sorted by --sort (default: by name, then version) and cut "
            + "to --limit.",
            "--json prints an array of versions as show --json prints one; --yaml their model.yaml documents; --csv a row "
            + "per version with a column per metric, parameter and tag."})
final class SearchCmd extends BaseCmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<text>", description = "Text to look for; all versions if omitted.")
    String text;

    @Mixin
    QueryOptions query;

    @Option(names = "--latest", description = "Only each model's newest version.")
    boolean latest;

    @Mixin
    OutputOptions output;

    @Mixin
    CsvOption csv;

    @Override
    void run() throws RegistryException {
        csv.checkAlone(output);
        try (Registry registry = root.openRegistry()) {
            SearchCommand search = query.applyTo(registry.search()).text(text);
            if (latest) {
                search.latestOnly();
            }
            List<ModelVersion> found = search.call();
            if (!csv.printVersions(out(), found, output)) {
                if (found.isEmpty()) {
                    note("No version matches.");
                    return;
                }
                Views.versions(out(), found);
            }
        }
    }
}
