package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "versions", mixinStandardHelpOptions = true, description = "List every version of a model, oldest "
        + "first. --json prints an array of versions as show --json prints one; --yaml their model.yaml documents.")
final class VersionsCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<name>", description = "The model.")
    String name;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            List<ModelVersion> versions = registry.versions(name);
            if (!output.printVersions(out(), versions, false)) {
                Views.versions(out(), versions);
            }
        }
    }
}
