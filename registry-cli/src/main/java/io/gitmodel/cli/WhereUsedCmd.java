package io.gitmodel.cli;

import io.gitmodel.registry.DatasetUse;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "where-used", header = "List the versions trained on a data set.", mixinStandardHelpOptions = true,
        description = {"Every version whose lineage names the data set, and the stages that hold each now: the versions to "
            + "look at when a data set turns out corrupt. The data set is named by its URI or its sha256 digest (with or "
            + "without sha256:, or its first 12 or more hex digits).",
            "--json prints an array of {ref, dataset: {uri, digest}, stages}."})
final class WhereUsedCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<dataset>", description = "A data set URI (s3://data/nov) or sha256 digest.")
    String dataset;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            List<DatasetUse> uses = registry.whereUsed(dataset);
            List<Object> doc = uses.stream().map(Documents::datasetUse).map(Object.class::cast).toList();
            if (output.print(out(), doc)) {
                return;
            }
            if (uses.isEmpty()) {
                note("No version was trained on " + dataset + ".");
                return;
            }
            Table t = new Table("REF", "DATASET", "DIGEST", "STAGES");
            for (DatasetUse u : uses) {
                t.row(u.version().ref(), u.dataset().uri(), u.dataset().digest() == null ? "" : u.dataset().digest(),
                        String.join(", ", u.stages().stream().map(StageName::value).sorted().toList()));
            }
            t.print(out());
        }
    }
}
