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

    @Option(names = "--metadata-only", description = {"Fetch no artifact bytes; they are fetched when first read.",
        "The default in a clone made with --metadata-only (gitmodel.metadataOnly)."})
    boolean metadataOnly;

    @Option(names = "--artifacts", description = "Fetch the artifacts of every version, even in a metadata-only clone.")
    boolean artifacts;

    @Option(names = "--replay", description = "When stages changed both here and on the remote (or local stage changes "
        + "name versions this pull renumbers), take the remote's stage history and make the local changes again on top, "
        + "each re-checked and signed with your key. Prints each as 'replayed <change>'. Your old stage history is kept "
        + "under refs/git-model/replaced/<time>/stages/<stage>.")
    boolean replay;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            TransferResult r = lazyOrNot(registry.pull(remote)).replayStageChanges(replay)
                    .progress(ProgressBar.forTerminal(err(), root.quiet)).call();
            r.renumbered().forEach(line -> out().println("renumbered " + line));
            r.replayed().forEach(line -> out().println("replayed " + line));
            note("Pulled from " + remote + ": " + r.refs().size() + " ref(s) updated, " + r.objects() + " artifact object(s), "
                    + Sizes.human(r.bytes()));
        }
    }

    private io.gitmodel.registry.PullCommand lazyOrNot(io.gitmodel.registry.PullCommand pull) {
        if (metadataOnly && artifacts) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--metadata-only and --artifacts exclude each other");
        }
        return metadataOnly || artifacts ? pull.metadataOnly(metadataOnly) : pull;
    }
}
