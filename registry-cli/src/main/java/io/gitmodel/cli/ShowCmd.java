package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", header = "Show one version.", mixinStandardHelpOptions = true,
        description = {"Show one version: metadata, metrics, parameters, lineage and artifacts.",
            "--json prints its model.yaml as JSON plus ref and commit; --yaml prints the model.yaml."})
final class ShowCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "e.g. fraud@v2, fraud@latest.")
    String ref;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            ModelVersion v = registry.resolve(ref);
            if (!output.printVersions(out(), List.of(v), true)) {
                Views.version(out(), v);
            }
        }
    }
}
