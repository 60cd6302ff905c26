package io.gitmodel.cli;

import picocli.CommandLine.Mixin;
import java.util.List;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resolve", header = "Print the canonical reference a reference names.", mixinStandardHelpOptions = true,
        description = {"Print the canonical reference a reference names, e.g. fraud@latest -> fraud@v3.",
            "Prints exactly one line, for scripts: v=$(git-model resolve fraud@latest)",
            "--json and --yaml print the version instead, as show does."})
final class ResolveCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "<name>@v<N>, <name>@latest, <name>@<stage>, <name>@<stage>~<instant>.")
    String ref;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            ModelVersion v = registry.resolve(ref);
            if (!output.printVersions(out(), List.of(v), true)) {
                out().println(v.ref());
            }
        }
    }
}
