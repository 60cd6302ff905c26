package io.gitmodel.cli;

import io.gitmodel.registry.PromotionRequest;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "requests", header = "List the open promotion requests and what each needs.", mixinStandardHelpOptions = true,
        description = {"List the open promotion requests, made here or fetched from remotes (git-model pull fetches the "
            + "team's), each judged as a merge would judge it under the policy in force. A request the stage already "
            + "holds was merged and is not listed.",
            "Columns: REQUEST, REQUESTED BY (the principal who signed it), APPROVALS (counted/needed), APPROVED BY, and "
            + "STATE: ready to merge, or what stands in the way (needs <n> more approval(s); breaks <rule>; stage moved "
            + "since: make it again with --replace). Below the table, one line per approval that does not count "
            + "(<request>: not counted: <why>) and per rule it breaks (<request>: breaks <rule>: <message>).",
            "--json prints an array of {name, model, version, ref, stage, branch, commit, tip, base, requester, "
            + "requested_by, requested_at, reason, approvers, approvals, approvals_needed, approvals_missing, not_counted, "
            + "current, problems: [{rule, message, ref, commit, model, version}], mergeable}; branch is where the request "
            + "was found (refs/heads/requests/... or a remote's refs/remotes/<remote>/requests/...).",
            "With <request> (requests/<stage>/<name>@v<N>, or <name>@v<N>:<stage>) only that one; with --check also "
            + "the answer as the exit code, for CI on a pull request: 0 if it is ready to merge, 1 if not (what stands in "
            + "the way on stderr) or if there is no such open request."})
final class RequestsCmd extends BaseCmd {
    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "<request>",
            description = "Only this request: requests/<stage>/<name>@v<N> or <name>@v<N>:<stage>.")
    String request;

    @picocli.CommandLine.Option(names = "--check", description = "Exit 0 if <request> is ready to merge, 1 if not.")
    boolean check;

    @Override
    void run() throws RegistryException {
        if (check && request == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--check needs a <request>");
        }
        try (Registry registry = root.openRegistry()) {
            List<PromotionRequest> requests = registry.requests();
            if (request != null) {
                io.gitmodel.registry.RequestName wanted = io.gitmodel.registry.RequestName.parse(request);
                requests = requests.stream().filter(r -> r.name().equals(wanted)).toList();
                if (requests.isEmpty()) {
                    throw new io.gitmodel.registry.errors.RequestNotFoundException(wanted.toString(), "no open request "
                            + wanted + " here or on a remote (merged, deleted, or not fetched: git-model pull)");
                }
                if (check && !requests.get(0).mergeable()) {
                    exitCode = ExitCodes.ERROR;
                }
            }
            if (output.print(out(), requests.stream().map(Documents::request).toList())) {
                return;
            }
            if (requests.isEmpty()) {
                note("No open promotion requests. Request one with: git-model request <ref> <stage> -m <reason>");
                return;
            }
            Views.requests(out(), requests);
            if (exitCode == ExitCodes.ERROR) {
                PromotionRequest r = requests.get(0);
                err().println("git-model: error: " + r.name() + " is not ready to merge:");
                for (String reason : Views.blockers(r)) {
                    err().println("  " + reason);
                }
            }
        }
    }
}
