package io.gitmodel.cli;

import io.gitmodel.registry.ExportCommand;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", header = "Write a version's artifacts to a directory, verified.", mixinStandardHelpOptions = true,
        description = {"Write a version's artifacts to a directory, verified against their sha256.",
            "The whole version is written beside the directory and swapped in once every file verified, so the "
            + "directory holds exactly the version's files (none of an earlier version's), or is left as it was if an "
            + "artifact is corrupt or missing. A directory that holds files already is replaced only with --force. "
            + "Named artifacts (<artifact-path>...) are written into the directory as they are, each replacing a file "
            + "of that name.",
            "Prints each file written, one per line."})
final class GetCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<ref>", description = "e.g. fraud@v2, fraud@latest.")
    String ref;

    @Parameters(index = "1..*", paramLabel = "<artifact-path>", description = "Only these artifacts (default: all).")
    List<String> paths = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "<dir>", description = "Target directory (default: ./<name>-v<N>).")
    String output;

    @Option(names = {"-f", "--force"}, description = "Replace a directory that holds files already (an earlier version's, "
            + "say) with exactly this version's files.")
    boolean force;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            ModelVersion v = registry.resolve(ref);
            Path target = root.context.resolve(output != null ? output : v.name() + "-v" + v.version());
            ExportCommand export = registry.exportArtifacts(v, target).replace(force)
                    .progress(ProgressBar.forTerminal(err(), root.quiet));
            paths.forEach(export::path);
            List<Path> written = export.call();
            written.forEach(out()::println);
            note("Wrote " + written.size() + " artifact" + (written.size() == 1 ? "" : "s") + " of " + v.ref() + " to " + target);
        }
    }
}
