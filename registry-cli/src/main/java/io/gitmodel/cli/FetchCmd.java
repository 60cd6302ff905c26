package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "fetch", header = "Fetch a remote without changing local branches or tags.", mixinStandardHelpOptions = true,
        description = "Fetch a remote into refs/remotes/<remote>/ (and its artifacts, verified) without changing "
            + "the local branches or tags.")
final class FetchCmd extends BaseCmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<remote>", description = "Default: origin.")
    String remote = "origin";

    @picocli.CommandLine.Mixin
    ArtifactOptions transfer;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            TransferResult r = transfer.applyTo(registry.pull(remote), spec).fetchOnly(true)
                    .progress(ProgressBar.forTerminal(err(), root.quiet)).call();
            note("Fetched " + remote + ": " + r.objects() + " artifact object(s), " + Sizes.human(r.bytes()));
        }
    }
}
