package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a registry.",
            "In a new or empty directory, creates a Git repository whose registry branch is checked out "
            + "(or a bare one with --bare). In an existing Git repository, only adds the registry branch: "
            + "your branches, HEAD, index and working tree are not touched. On an existing registry, does nothing."})
final class InitCmd extends BaseCmd {
    @Option(names = "--bare", description = "Create a bare repository (no working tree), as for a server.")
    boolean bare;

    @Option(names = "--unsigned", description = "Allow unsigned stage commits (for experiments; the default policy requires signatures).")
    boolean unsigned;

    @Option(names = "--branch", paramLabel = "<branch>", description = "The registry branch (default: main).")
    String branch;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<dir>", description = "Where to create it (default: -C, else the current directory).")
    String dir;

    @Override
    void run() throws RegistryException {
        Path target = dir != null ? root.context.resolve(dir) : root.registryDirectory();
        var init = Registry.init(target).bare(bare).signed(!unsigned).config(Configs.forCli(root.context));
        if (branch != null) {
            init.branch(branch);
        }
        try (Registry registry = init.call()) {
            note("Initialized git-model registry in " + registry.directory() + " (branch " + registry.branch() + ")");
        }
    }
}
