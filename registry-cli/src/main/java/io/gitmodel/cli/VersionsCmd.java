package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "versions", mixinStandardHelpOptions = true, description = {"List every version of a model, oldest "
        + "first, or those --where chooses, in --sort order, at most --limit.",
        "--json prints an array of versions as show --json prints one; --yaml their model.yaml documents; --csv a row per version."})
final class VersionsCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<name>", description = "The model.")
    String name;

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
            List<ModelVersion> versions = query.given() ? query.applyTo(registry.search().model(name)).call() : registry.versions(name);
            if (!csv.printVersions(out(), versions, output)) {
                Views.versions(out(), versions);
            }
        }
    }
}
