package io.gitmodel.cli;

import io.gitmodel.registry.PromotionRequest;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RequestCommand;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "request", header = "Request a promotion, for review, instead of making it.", mixinStandardHelpOptions = true,
        description = {"Request the promotion of a version into a stage: the signed promotion commit is made on the "
            + "request branch requests/<stage>/<name>@v<N>, on top of the stage as it is, and the stage does not change. "
            + "Every rule of the stage but the approvals is checked now, as for promote (the stage it requires, its gates, "
            + "who may sign). Reviewers approve it (git-model approve), then anyone who may sign the stage merges it "
            + "(git-model merge), or the forge merges the pull request when the stage allows forge_merges.",
            "Prints: requested <ref> into <stage>: requests/<stage>/<name>@v<N> (<what it needs>), e.g. "
            + "requested fraud@v2 into production: requests/production/fraud@v2 (needs 2 approvals).",
            "With --push, the registry and the request branch are pushed to <remote> together (then prints: pushed "
            + "requests/<stage>/<name>@v<N> to <remote>), so the team can open a pull request from it into "
            + "stages/<stage>. If the push fails, the request is kept here: fix the cause and run the same command "
            + "with --replace."})
final class RequestCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "The version, e.g. fraud@v2 or fraud@latest.")
    String ref;

    @Parameters(index = "1", paramLabel = "<stage>", description = "The stage, e.g. production.")
    String stage;

    @Option(names = {"-m", "--reason"}, required = true, paramLabel = "<reason>",
            description = "Why the version should be promoted (required; recorded in the promotion commit).")
    String reason;

    @Option(names = "--replace", description = "Make the request again if it is open: on the stage as it is now, its "
            + "approvals dropped (they approved the old promotion commit). Needed when the stage moved since the request "
            + "was made. With --push, the remote's request branch is replaced (forced).")
    boolean replace;

    @Option(names = "--push", paramLabel = "<remote>", description = "Push the registry and the request branch to this remote.")
    String push;

    @Option(names = "--signing-key", paramLabel = "<key>",
            description = "Sign with this key: an SSH key file, or an OpenPGP key id (default: git's user.signingKey).")
    String signingKey;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            RequestCommand command = registry.request(ref, stage).reason(reason).replace(replace);
            if (signingKey != null) {
                command.signingKey(signingKey(signingKey));
            }
            PromotionRequest made = command.call();
            out().println(describe(made));
            out().flush();
            if (push != null) {
                TransferResult pushed = registry.push(push).request(made.name(), replace)
                        .progress(ProgressBar.forTerminal(err(), root.quiet)).call();
                out().println("pushed " + made.name() + " to " + push);
                note("Pushed to " + push + ": " + pushed.refs().size() + " ref(s). Open a pull request from " + made.name()
                        + " into stages/" + made.name().stage() + "; reviewers approve it with: git-model approve " + made.name());
            } else {
                note("Reviewers approve it with: git-model approve " + made.name());
            }
        }
    }

    /** The line a request prints: what it asks for, its branch and what it needs. */
    static String describe(PromotionRequest made) {
        return "requested " + made.name().modelRef() + " into " + made.name().stage() + ": " + made.name() + " ("
                + Views.needs(made) + ")";
    }
}
