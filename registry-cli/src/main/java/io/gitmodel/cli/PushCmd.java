package io.gitmodel.cli;

import io.gitmodel.registry.PushCommand;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RequestName;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.RegistryException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push", header = "Push the registry to a remote, all refs or none.", mixinStandardHelpOptions = true,
        description = "Push the registry: artifacts first (verified), then the registry branch, every version tag "
            + "and every stage branch in one atomic push. Version tags never move and stage history is never "
            + "rewritten: such a push fails whole and says to pull first. --request pushes a promotion request's "
            + "branch with it (as request --push and approve --push do), e.g. to retry one that failed.")
final class PushCmd extends BaseCmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<remote>", description = "Default: origin.")
    String remote = "origin";

    @Option(names = "--request", paramLabel = "<request>", description = "Also push this request branch, e.g. "
            + "fraud@v2:production or requests/production/fraud@v2 (repeatable).")
    List<String> requests = new ArrayList<>();

    @Override
    void run() throws RegistryException {
        List<RequestName> names = requests.stream().map(RequestName::parse).toList();
        try (Registry registry = root.openRegistry()) {
            PushCommand push = registry.push(remote).progress(ProgressBar.forTerminal(err(), root.quiet));
            for (RequestName name : names) {
                push.request(name, false);
            }
            TransferResult r = push.call();
            r.refs().forEach(ref -> out().println(ref));
            note("Pushed to " + remote + ": " + TransferSummary.describe(r, false));
        }
    }
}
