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
        description = "List the models, with their newest version. --json prints an array of the newest versions.")
final class ListCmd extends BaseCmd {
    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            List<ModelVersion> latest = new ArrayList<>();
            for (ModelName name : registry.models()) {
                latest.add(registry.resolve(ModelRef.latest(name)));
            }
            if (output.printVersions(out(), latest, false)) {
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
