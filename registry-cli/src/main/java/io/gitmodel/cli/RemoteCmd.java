package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remote", mixinStandardHelpOptions = true, description = "Manage the remotes the registry pushes to and pulls from.",
        subcommands = {RemoteCmd.Add.class, RemoteCmd.ListRemotes.class, RemoteCmd.Remove.class})
final class RemoteCmd implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: add, list or remove");
    }

    /** Base of the remote subcommands: the root options live two levels up. */
    abstract static class RemoteSub extends BaseCmd {
        @picocli.CommandLine.ParentCommand
        RemoteCmd parent;

        @Override
        GitModelCommand rootCommand() {
            return (GitModelCommand) parent.spec.parent().userObject();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a remote registry: a local path, a file:// URL or an http(s):// URL (Git smart HTTP + Git LFS).")
    static final class Add extends RemoteSub {
        @Parameters(index = "0", paramLabel = "<name>", description = "e.g. origin")
        String name;

        @Parameters(index = "1", paramLabel = "<url>", description = "A local path, file:// or http(s):// URL.")
        String url;

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                registry.addRemote(name, root.context.remoteUrl(url));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the remotes: name and URL (without"
            + " credentials), tab-separated, one per line. --json prints an array of {name, url}.")
    static final class ListRemotes extends RemoteSub {
        @picocli.CommandLine.Mixin
        OutputOptions output;

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                List<Remote> remotes = registry.remotes();
                if (!output.print(out(), remotes.stream().map(Documents::remote).toList())) {
                    Views.remotes(out(), remotes);
                }
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a remote.")
    static final class Remove extends RemoteSub {
        @Parameters(index = "0", paramLabel = "<name>")
        String name;

        @Override
        void run() throws RegistryException {
            try (Registry registry = root.openRegistry()) {
                registry.removeRemote(name);
            }
        }
    }
}
