package io.gitmodel.cli;

import picocli.CommandLine.Option;

/** {@code --json} / {@code --yaml}: machine-readable output instead of the readable default. */
final class OutputOptions {
    @Option(names = "--json", description = "Print JSON: the version's model.yaml as JSON plus ref and commit (an array for lists).")
    boolean json;

    @Option(names = "--yaml", description = "Print YAML (a version's model.yaml; a list of documents for lists).")
    boolean yaml;
}
