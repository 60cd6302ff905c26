package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.SetPolicyCommand;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "policy", header = "Show or change the registry's rules (registry.yaml).", mixinStandardHelpOptions = true,
        description = {"The registry's rules live in registry.yaml on the registry branch: the stages with their "
            + "requirements, gates and approvals, who may sign and approve for each, the principals and the admins. "
            + "show prints who may do what; set replaces the file, as ONE signed commit, by an admin once principals "
            + "are declared."},
        subcommands = {PolicyCmd.Show.class, PolicyCmd.Set.class})
final class PolicyCmd implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show or set");
    }

    /** Base of the policy subcommands: the root options live two levels up. */
    abstract static class PolicySub extends BaseCmd {
        @Override
        GitModelCommand rootCommand() {
            return (GitModelCommand) spec.root().userObject();
        }
    }

    @Command(name = "show", header = "Show who may do what on which stage.", mixinStandardHelpOptions = true,
            description = {"Show the policy in force: for each stage (in registry.yaml's order) its description, then "
                + "requires (the stage a version must have been in first), approvals (how many distinct approvers a "
                + "promotion request needs), signed (whether its commits must be signed), signers and approvers (the roles "
                + "or principals registry.yaml names, each followed by the principals it resolves to in parentheses; "
                + "principals whose keys are all revoked are not counted; an empty list means anyone with a trusted key), "
                + "gates (conditions on the version, all must hold), forge_merges (whether a forge's unsigned merge of an "
                + "approved request is accepted) and multi_valued for stages that hold several versions per model. Then "
                + "the admins (who may change registry.yaml), signing.allowed_signers when no principals are declared, "
                + "and the principals with their roles and keys (git-model signers list shows the fingerprints).",
                "--json prints {stages: [{name, description, requires, multi_valued, approvals, signed, signers, "
                + "signer_principals, approvers, approver_principals, gates, forge_merges}], admins, admin_principals, "
                + "allowed_signers, principals: [{name, roles, keys}]}; *_principals are the principals with a trusted key "
                + "the rule lets act. --yaml prints the same data as YAML (not registry.yaml itself: that is on the "
                + "registry branch, e.g. git show main:registry.yaml)."})
    static final class Show extends PolicySub {
        @Mixin
        OutputOptions output;

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                RegistryPolicy policy = registry.policy();
                if (!output.print(out(), Documents.policy(policy))) {
                    Views.policy(out(), policy);
                }
            }
        }
    }

    @Command(name = "set", header = "Replace registry.yaml with a file.", mixinStandardHelpOptions = true,
            description = {"Replace registry.yaml with the content of <file>, as ONE signed commit on the registry branch. "
                + "To edit the policy safely: take registry.yaml from the registry branch (the working tree of the registry, "
                + "or git show main:registry.yaml > registry.yaml), change it, and set it. The new file is read as every "
                + "reader will read it before anything is written: a file that is not a valid registry.yaml (bad YAML, a "
                + "newer format, a stage that requires an unknown stage, a gate that does not parse, ...) or that would "
                + "leave no admin with a trusted key is refused and nothing changes. Once principals are declared, only an admin of the policy in force may set it.",
                "registry.yaml is written in git-model's own layout: the file's data is kept, its comments and formatting "
                + "are not. Stage changes made before keep being judged under the registry.yaml in force when they were made.",
                "Prints: set registry.yaml from <file>."})
    static final class Set extends PolicySub {
        @Parameters(index = "0", paramLabel = "<file>", description = "The new registry.yaml (UTF-8).")
        String file;

        @Option(names = {"-m", "--reason"}, required = true, paramLabel = "<reason>",
                description = "Why the policy changes (required; recorded in the commit).")
        String reason;

        @Option(names = "--signing-key", paramLabel = "<key>",
                description = "Sign with this key: an SSH key file, or an OpenPGP key id (default: git's user.signingKey).")
        String signingKey;

        @Override
        void run() throws RegistryException {
            String text;
            try {
                text = Files.readString(root.context.resolve(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidValueException("cannot read " + file + ": " + e.getMessage());
            }
            try (Registry registry = root.openRegistry()) {
                SetPolicyCommand command = registry.setPolicy(text).reason(reason);
                if (signingKey != null) {
                    command.signingKey(signingKey(signingKey));
                }
                String commit = command.call();
                out().println("set registry.yaml from " + file);
                note("Policy commit " + commit.substring(0, 12) + " on " + registry.branch());
            }
        }
    }
}
