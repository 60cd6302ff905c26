package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fetch", header = "Fetch a remote without changing local branches or tags.", mixinStandardHelpOptions = true,
        description = "Fetch a remote into refs/remotes/<remote>/ (and its artifacts, verified) without changing "
            + "the local branches or tags.")
final class FetchCmd extends BaseCmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<remote>", description = "Default: origin.")
    String remote = "origin";

    @Option(names = "--metadata-only", description = {"Fetch no artifact bytes; they are fetched when first read.",
        "The default in a clone made with --metadata-only (gitmodel.metadataOnly)."})
    boolean metadataOnly;

    @Option(names = "--artifacts", description = "Fetch the artifacts of every version, even in a metadata-only clone.")
    boolean artifacts;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            TransferResult r = lazyOrNot(registry.pull(remote)).fetchOnly(true)
                    .progress(ProgressBar.forTerminal(err(), root.quiet)).call();
            note("Fetched " + remote + ": " + r.objects() + " artifact object(s), " + Sizes.human(r.bytes()));
        }
    }

    private io.gitmodel.registry.PullCommand lazyOrNot(io.gitmodel.registry.PullCommand pull) {
        if (metadataOnly && artifacts) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--metadata-only and --artifacts exclude each other");
        }
        return metadataOnly || artifacts ? pull.metadataOnly(metadataOnly) : pull;
    }
}
