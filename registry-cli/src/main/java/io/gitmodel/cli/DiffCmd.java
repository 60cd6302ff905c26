package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.VersionDiff;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff", header = "Show what changed between two versions.", mixinStandardHelpOptions = true,
        description = {"What changed from one version to another: metrics with deltas, parameters, tags, description, "
            + "data sets, parent models, source code, environment, artifacts with sizes, and the model card as a unified "
            + "diff. With one reference, from the version before it.",
            "--json prints {from, to, changes: [{section, key, kind, before, after, delta}], artifacts: [{path, kind, "
            + "before: {oid, size}, after: {oid, size}, size_delta}], model_card}."})
final class DiffCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<from>", description = "The older version, e.g. fraud@v1 (alone: the newer one,"
            + " compared with the version before it).")
    String from;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<to>", description = "The newer version, e.g. fraud@v2 or fraud@production.")
    String to;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            VersionDiff diff = to == null ? registry.diffWithPrevious(from) : registry.diff(from, to);
            if (!output.print(out(), Documents.diff(diff))) {
                Views.diff(out(), diff);
            }
        }
    }
}
