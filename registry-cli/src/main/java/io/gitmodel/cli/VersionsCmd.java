package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "versions", mixinStandardHelpOptions = true, description = "List every version of a model, oldest first.")
final class VersionsCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<name>", description = "The model.")
    String name;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            List<ModelVersion> versions = registry.versions(name);
            if (printMachine(output, versions, false)) {
                return;
            }
            Table table = new Table("REF", "CREATED", "BY", "SIZE", "METRICS", "DESCRIPTION");
            for (ModelVersion v : versions) {
                table.row(v.ref(), v.created(), v.createdBy(), Sizes.human(v.totalArtifactSize()), metricsSummary(v.metrics(), 4),
                        firstLine(v.description()));
            }
            table.print(out());
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
