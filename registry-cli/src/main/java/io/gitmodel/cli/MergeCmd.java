package io.gitmodel.cli;

import io.gitmodel.registry.MergeCommand;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RequestName;
import io.gitmodel.registry.StageChange;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "merge", header = "Merge an approved promotion request into its stage.", mixinStandardHelpOptions = true,
        description = {"Merge an approved promotion request into its stage, as git merge --no-ff would: a signed merge "
            + "commit on stages/<stage> whose second parent is the request (so its approvals stay in the stage's history). "
            + "It is judged first as verification will judge it: the request must be current (made on the stage as it "
            + "is; otherwise make it again with git-model request --replace), break no rule of the stage, and have the "
            + "approvals the stage needs, each by a distinct allowed approver other than the requester. Otherwise it is "
            + "refused (exit 1) and nothing changes. The local request branch is deleted once merged.",
            "Prints: merged <request>: promoted <ref> to <stage> [(was <ref>)]; approved by <who>.",
            "With --push, the registry (with the stage) is pushed to <remote> and the remote's request branch is deleted, "
            + "as a forge deletes a merged pull request's branch (then prints: pushed stages/<stage> to <remote>, deleted "
            + "<request> there)."})
final class MergeCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<request>",
            description = "The request: requests/<stage>/<name>@v<N> or <name>@v<N>:<stage>, e.g. fraud@v2:production.")
    String request;

    @Option(names = {"-m", "--comment"}, paramLabel = "<comment>", description = "Added to the merge commit's message.")
    String comment;

    @Option(names = "--push", paramLabel = "<remote>",
            description = "Push the registry to this remote and delete the request branch there.")
    String push;

    @Option(names = "--signing-key", paramLabel = "<key>",
            description = "Sign with this key: an SSH key file, or an OpenPGP key id (default: git's user.signingKey).")
    String signingKey;

    @Override
    void run() throws RegistryException {
        RequestName name = RequestName.parse(request);
        try (Registry registry = root.openRegistry()) {
            MergeCommand command = registry.merge(request).comment(comment);
            if (signingKey != null) {
                command.signingKey(signingKey(signingKey));
            }
            StageChange merged = command.call();
            for (ModelEvent e : merged.events()) {
                out().println(describe(name, e));
            }
            out().flush();
            note("Stage commit " + merged.commit().substring(0, 12) + " on stages/" + merged.stage() + " ("
                    + merged.event().signature().summary() + ")");
            if (push != null) {
                registry.push(push).deleteRequest(name).progress(ProgressBar.forTerminal(err(), root.quiet)).call();
                out().println("pushed stages/" + merged.stage() + " to " + push + ", deleted " + name + " there");
            }
        }
    }

    /** The line a merge prints per model: the stage change and who approved it. */
    static String describe(RequestName name, ModelEvent e) {
        return "merged " + name + ": " + StageCmd.describe(e)
                + (e.approvedBy().isEmpty() ? "" : "; approved by " + String.join(", ", e.approvedBy()));
    }
}
