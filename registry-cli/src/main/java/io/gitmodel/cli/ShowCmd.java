package io.gitmodel.cli;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", header = "Show one version.", mixinStandardHelpOptions = true,
        description = {"Show one version: metadata, metrics, parameters, lineage and artifacts.",
            "A model name alone (show fraud) shows its newest version, as fraud@latest does.",
            "--json prints its model.yaml as JSON plus ref and commit; --yaml prints the model.yaml."})
final class ShowCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<ref>",
            description = "e.g. fraud@v2, fraud@production, fraud@latest, or fraud (its newest version).")
    String ref;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        // a bare name is its newest version; anything else is a reference, parsed as everywhere
        ModelRef reference = ref.indexOf('@') < 0 ? ModelRef.latest(ModelName.of(ref)) : ModelRef.parse(ref);
        try (Registry registry = root.openRegistry()) {
            ModelVersion v = registry.resolve(reference);
            if (!output.printVersions(out(), List.of(v), true)) {
                Views.version(out(), v);
            }
        }
    }
}
