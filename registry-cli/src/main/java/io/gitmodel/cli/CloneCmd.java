package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "clone", header = "Clone a registry and its artifacts.", mixinStandardHelpOptions = true,
        description = "Clone a registry: its registry branch, version tags, stage branches and (unless "
            + "--metadata-only) every artifact, verified. The remote is a local path, a file:// URL, or an http(s):// "
            + "URL served by Git smart HTTP with a Git LFS server (credentials: user:password in the URL, "
            + "GIT_MODEL_TOKEN, or git's credential helpers).")
final class CloneCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<url>", description = "The remote registry.")
    String url;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<dir>", description = "Where to clone it (default: the remote's name).")
    String dir;

    @Option(names = "--bare", description = "Clone without a working tree.")
    boolean bare;

    @Option(names = "--metadata-only", description = "Fetch no artifact bytes; they are fetched when first read (serving hosts).")
    boolean metadataOnly;

    @Option(names = "--branch", paramLabel = "<branch>", description = "The remote's registry branch (default: main).")
    String branch;

    @Override
    void run() throws RegistryException {
        String name = Path.of(url.replaceFirst("^file://", "").replaceAll("/+$", "")).getFileName().toString()
                .replaceFirst("\\.git$", "");
        Path target = root.context.resolve(dir != null ? dir : name);
        var clone = Registry.cloneFrom(root.context.remoteUrl(url), target)
                .bare(bare).metadataOnly(metadataOnly).config(Configs.forCli(root.context))
                .progress(ProgressBar.forTerminal(err(), root.quiet));
        if (branch != null) {
            clone.branch(branch);
        }
        try (Registry registry = clone.call()) {
            note("Cloned " + new io.gitmodel.registry.Remote("origin", url).displayUrl() + " into " + registry.directory() + (metadataOnly ? " (metadata only)" : ""));
        }
    }
}
