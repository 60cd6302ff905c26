package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Fetch a remote into refs/remotes/<remote>/ (and its artifacts, verified) without changing",
            "the local branches or tags."})
final class FetchCmd extends BaseCmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<remote>", description = "Default: origin.")
    String remote = "origin";

    @Option(names = "--metadata-only", description = "Fetch no artifact bytes.")
    boolean metadataOnly;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            TransferResult r = registry.pull(remote).fetchOnly(true).metadataOnly(metadataOnly)
                    .progress(ProgressBar.forTerminal(err(), root.quiet)).call();
            note("Fetched " + remote + ": " + r.objects() + " artifact object(s), " + Sizes.human(r.bytes()));
        }
    }
}
