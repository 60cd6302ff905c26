package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pull", header = "Fetch a remote and integrate it.", mixinStandardHelpOptions = true,
        description = "Fetch a remote and integrate it: fast-forward the registry and stage branches, take its "
            + "version tags, download artifacts (verified) before any ref moves. Local versions that were never "
            + "pushed and whose numbers the remote took are renumbered on top (printed as old -> new). Stage changes "
            + "made both here and on the remote are never combined silently: the pull fails and changes nothing, "
            + "unless --replay.")
final class PullCmd extends BaseCmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<remote>", description = "Default: origin.")
    String remote = "origin";

    @picocli.CommandLine.Mixin
    ArtifactOptions transfer;

    @Option(names = "--replay", description = "When stages changed both here and on the remote (or local stage changes "
        + "name versions this pull renumbers), take the remote's stage history and make the local changes again on top, "
        + "each re-checked and signed with your key. Prints each as 'replayed <change>'. Your old stage history is kept "
        + "under refs/git-model/replaced/<time>/stages/<stage>.")
    boolean replay;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            TransferResult r = transfer.applyTo(registry.pull(remote), spec).replayStageChanges(replay)
                    .progress(ProgressBar.forTerminal(err(), root.quiet)).call();
            r.renumbered().forEach(line -> out().println("renumbered " + line));
            r.replayed().forEach(line -> out().println("replayed " + line));
            note("Pulled from " + remote + ": " + TransferSummary.describe(r, true));
        }
    }
}
