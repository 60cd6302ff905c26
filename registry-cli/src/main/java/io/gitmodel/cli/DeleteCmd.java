package io.gitmodel.cli;

import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", header = "Delete a version registered by mistake.", mixinStandardHelpOptions = true,
        description = "Delete a version registered by mistake: only if it was never in any stage and never "
            + "published (pushed). Versions that were ever staged are archived, never deleted. The number is "
            + "not reused.")
final class DeleteCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "The version, e.g. fraud@v4.")
    String ref;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            ModelRef deleted = registry.delete(ref).call();
            out().println("deleted " + deleted);
        }
    }
}
