package io.gitmodel.cli;

import io.gitmodel.registry.ApproveCommand;
import io.gitmodel.registry.PromotionRequest;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "approve", header = "Approve a promotion request.", mixinStandardHelpOptions = true,
        description = {"Approve a promotion request: a signed commit on the request branch that changes no file and "
            + "names the exact promotion commit approved (trailer Approves: <commit>), so the approval is verifiable from "
            + "git alone and approves nothing else. The request is taken from the local branch, or from a remote's copy "
            + "fetched by git-model pull.",
            "Refused before anything is written (exit 1): an unsigned approval, one by the requester, a second one by "
            + "the same signer, one by a signer who is not among the stage's approvers (git-model policy show).",
            "Prints: approved <request>: <n> of <needed> approvals (<who>); <what it still needs, or ready to merge>.",
            "With --push, the registry and the request branch are pushed to <remote> together (then prints: pushed "
            + "<request> to <remote>). If others pushed approvals to the remote's request branch meanwhile, the push fails "
            + "whole and the approval is only here: drop it (git branch -D requests/<stage>/<name>@v<N>), run git-model "
            + "pull <remote> and approve again with --push."})
final class ApproveCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<request>",
            description = "The request: requests/<stage>/<name>@v<N> or <name>@v<N>:<stage>, e.g. fraud@v2:production.")
    String request;

    @Option(names = {"-m", "--comment"}, paramLabel = "<comment>", description = "What the reviewer says; recorded in the approval.")
    String comment;

    @Option(names = "--push", paramLabel = "<remote>", description = "Push the registry and the request branch to this remote.")
    String push;

    @Option(names = "--signing-key", paramLabel = "<key>",
            description = "Sign with this key: an SSH key file, or an OpenPGP key id (default: git's user.signingKey).")
    String signingKey;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            ApproveCommand command = registry.approve(request).comment(comment);
            if (signingKey != null) {
                command.signingKey(signingKey(signingKey));
            }
            PromotionRequest approved = command.call();
            out().println(describe(approved));
            out().flush();
            if (push != null) {
                registry.push(push).request(approved.name(), false).progress(ProgressBar.forTerminal(err(), root.quiet)).call();
                out().println("pushed " + approved.name() + " to " + push);
            }
        }
    }

    /** The line an approval prints: the request's approvals so far and what it still needs. */
    static String describe(PromotionRequest approved) {
        return "approved " + approved.name() + ": " + Views.approvals(approved) + "; " + Views.needs(approved);
    }
}
