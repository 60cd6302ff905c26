package io.gitmodel.cli;

import io.gitmodel.registry.AddSignerCommand;
import io.gitmodel.registry.Principal;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RemoveSignerCommand;
import io.gitmodel.registry.SigningKey;
import io.gitmodel.registry.errors.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "signers", header = "Manage the team: who signs, with which keys and roles.", mixinStandardHelpOptions = true,
        description = {"Manage the principals registry.yaml names: the people and machines who sign stage changes, "
            + "requests and approvals, each with roles (e.g. admin, ml-lead, risk) and public keys. Once principals are "
            + "declared, signatures are verified against these keys alone, from the repository, and only an admin may "
            + "change registry.yaml. Each change is ONE signed commit on the registry branch; push it to share it.",
            "Who may do what on each stage (signers, approvers): git-model policy show."},
        subcommands = {SignersCmd.Add.class, SignersCmd.Remove.class, SignersCmd.ListSigners.class})
final class SignersCmd implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: add, remove or list");
    }

    /** Base of the signers subcommands: the root options live two levels up. */
    abstract static class SignersSub extends BaseCmd {
        @Override
        GitModelCommand rootCommand() {
            return (GitModelCommand) spec.root().userObject();
        }
    }

    @Command(name = "add", header = "Add a principal, or a key or roles to one.", mixinStandardHelpOptions = true,
            description = {"Add a principal to registry.yaml with the key in <public-key-file> and the roles given; for a "
                + "principal already named, add the key (if new) and the roles to theirs. One key names one principal.",
                "Signed with your key; once principals are declared, only an admin (see admins in git-model policy show) "
                + "may do it. On a registry that names no one yet, the first principals are whoever declares them: give "
                + "the first one --role admin.",
                "Prints: added signer <principal> (<roles>): <format> key <fingerprint>."})
    static final class Add extends SignersSub {
        @Parameters(index = "0", paramLabel = "<principal>",
                description = "Who: usually an email address, e.g. bo@example.com (1-128 of A-Z a-z 0-9 . _ @ + -).")
        String principal;

        @Parameters(index = "1", paramLabel = "<public-key-file>", description = "An SSH public key (e.g. ~/.ssh/id_ed25519.pub)"
                + " or an armoured OpenPGP public key (gpg --armor --export <id>).")
        String publicKeyFile;

        @Option(names = "--role", paramLabel = "<role>", description = "A role, e.g. admin, ml-lead, risk ([a-z][a-z0-9_-]*)."
                + " Repeatable; added to the principal's roles.")
        List<String> roles = new ArrayList<>();

        @Option(names = {"-m", "--reason"}, paramLabel = "<reason>", description = "Why; recorded in the commit.")
        String reason;

        @Option(names = "--signing-key", paramLabel = "<key>",
                description = "Sign with this key: an SSH key file, or an OpenPGP key id (default: git's user.signingKey).")
        String signingKey;

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                List<SigningKey> before = registry.signers().stream().filter(p -> p.name().equals(principal))
                        .flatMap(p -> p.keys().stream()).toList();
                AddSignerCommand command = registry.addSigner(principal, root.context.resolve(publicKeyFile));
                roles.forEach(command::role);
                if (reason != null) {
                    command.reason(reason);
                }
                if (signingKey != null) {
                    command.signingKey(signingKey(signingKey));
                }
                String commit = command.call();
                Optional<Principal> after = registry.signers().stream().filter(p -> p.name().equals(principal)).findFirst();
                String roleList = after.map(p -> Views.roles(p.roles())).orElse("no roles");
                Optional<SigningKey> added = after.stream().flatMap(p -> p.keys().stream())
                        .filter(k -> k.revoked() == null && !before.contains(k)).findFirst();
                out().println("added signer " + principal + " (" + roleList + "): " + added.map(k -> k.format() + " key "
                        + k.fingerprint()).orElse("its key was already trusted"));
                note("Policy commit " + commit.substring(0, 12) + " on " + registry.branch());
            }
        }
    }

    @Command(name = "remove", header = "Revoke every key of a principal.", mixinStandardHelpOptions = true,
            description = {"Stop trusting a principal: every key of theirs is marked revoked now, in registry.yaml. The keys "
                + "stay listed with the time of revocation, so what they signed before still verifies; nothing they sign "
                + "from now on counts. Signed with your key, by an admin.",
                "Prints: removed signer <principal>: revoked <n> key(s) at <instant>."})
    static final class Remove extends SignersSub {
        @Parameters(index = "0", paramLabel = "<principal>", description = "A principal named in registry.yaml.")
        String principal;

        @Option(names = {"-m", "--reason"}, paramLabel = "<reason>", description = "Why; recorded in the commit.")
        String reason;

        @Option(names = "--signing-key", paramLabel = "<key>",
                description = "Sign with this key: an SSH key file, or an OpenPGP key id (default: git's user.signingKey).")
        String signingKey;

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                RemoveSignerCommand command = registry.removeSigner(principal);
                if (reason != null) {
                    command.reason(reason);
                }
                if (signingKey != null) {
                    command.signingKey(signingKey(signingKey));
                }
                List<String> trusted = registry.signers().stream().filter(p -> p.name().equals(principal))
                        .flatMap(p -> p.keys().stream()).filter(k -> k.revoked() == null).map(SigningKey::fingerprint).toList();
                String commit = command.call();
                List<SigningKey> revoked = registry.signers().stream().filter(p -> p.name().equals(principal))
                        .flatMap(p -> p.keys().stream()).filter(k -> k.revoked() != null && trusted.contains(k.fingerprint()))
                        .toList();
                out().println("removed signer " + principal + ": revoked " + revoked.size() + " key"
                        + (revoked.size() == 1 ? "" : "s") + (revoked.isEmpty() ? "" : " at " + revoked.get(0).revoked()));
                note("Policy commit " + commit.substring(0, 12) + " on " + registry.branch());
            }
        }
    }

    @Command(name = "list", header = "List the principals, their roles and keys.", mixinStandardHelpOptions = true,
            description = {"List the principals registry.yaml names: one row per key with PRINCIPAL, ROLES, FORMAT (ssh or "
                + "openpgp), FINGERPRINT and REVOKED (the instant it stopped being trusted, empty if it is trusted).",
                "--json prints an array of {name, roles, keys: [{format, fingerprint, revoked, public_key}]}."})
    static final class ListSigners extends SignersSub {
        @Mixin
        OutputOptions output;

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                List<Principal> signers = registry.signers();
                if (output.print(out(), signers.stream().map(Documents::principal).toList())) {
                    return;
                }
                if (signers.isEmpty()) {
                    note("registry.yaml names no principals: signatures are checked with git's own configuration. Declare the "
                            + "team with: git-model signers add <principal> <public-key-file> --role admin");
                    return;
                }
                Views.signers(out(), signers);
            }
        }
    }
}
