package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.site.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "site", header = "Write a static HTML catalog of the registry.", mixinStandardHelpOptions = true,
        description = {"Write a static HTML catalog into <dir>: the models with their stages; a page per model with its "
            + "versions, a chart per metric, the stage history with signers and approvals, the model card and the newest "
            + "version's lineage; a page per pair of consecutive versions with what changed. No server and no script: open "
            + "<dir>/index.html, or publish <dir> on any static host.",
            "An earlier catalog in <dir> is replaced whole; a directory holding other files only with --force."})
final class SiteCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<dir>", description = "Where to write the catalog.")
    String dir;

    @Option(names = "--title", paramLabel = "<text>", description = "The title on every page (default: Model registry).")
    String title = "Model registry";

    @Option(names = "--force", description = "Replace <dir> even if it holds files that are no catalog.")
    boolean force;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            Catalog.Summary s = new Catalog(registry).title(title).force(force).write(root.context.resolve(dir));
            note("Wrote " + s.pages() + " pages (" + s.models() + " models, " + s.versions() + " versions, "
                    + Sizes.human(s.bytes()) + ") to " + s.directory() + "; open " + s.directory().resolve("index.html"));
            out().println(s.directory().resolve("index.html"));
        }
    }
}
