package io.gitmodel.cli;

import io.gitmodel.registry.PullCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --metadata-only} / {@code --artifacts} of pull and fetch. */
final class ArtifactOptions {
    @Option(names = "--metadata-only", description = {"Fetch no artifact bytes; they are fetched when first read.",
        "The default in a clone made with --metadata-only (gitmodel.metadataOnly)."})
    boolean metadataOnly;

    @Option(names = "--artifacts", description = "Fetch the artifacts of every version, even in a metadata-only clone.")
    boolean artifacts;

    /** Applies the choice, if one was made; otherwise the registry's default stands. */
    PullCommand applyTo(PullCommand pull, CommandSpec spec) {
        if (metadataOnly && artifacts) {
            throw new ParameterException(spec.commandLine(), "--metadata-only and --artifacts exclude each other");
        }
        return metadataOnly || artifacts ? pull.metadataOnly(metadataOnly) : pull;
    }
}
