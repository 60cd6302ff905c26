package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "push", header = "Push the registry to a remote, all refs or none.", mixinStandardHelpOptions = true,
        description = "Push the registry: artifacts first (verified), then the registry branch, every version tag "
            + "and every stage branch in one atomic push. Version tags never move and stage history is never "
            + "rewritten: such a push fails whole and says to pull first.")
final class PushCmd extends BaseCmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<remote>", description = "Default: origin.")
    String remote = "origin";

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            TransferResult r = registry.push(remote).progress(ProgressBar.forTerminal(err(), root.quiet)).call();
            r.refs().forEach(ref -> out().println(ref));
            note("Pushed to " + remote + ": " + r.refs().size() + " ref(s), " + r.objects() + " artifact object(s), "
                    + Sizes.human(r.bytes()));
        }
    }
}
