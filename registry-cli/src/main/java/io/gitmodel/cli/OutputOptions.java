package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code --json} / {@code --yaml} for every command that prints data: machine-readable output
 * instead of the readable default. The shapes are those of {@link Documents}.
 */
final class OutputOptions {
    @ArgGroup(exclusive = true)
    Format format;

    /** One of the two, or neither. */
    static final class Format {
        @Option(names = "--json", description = "Print JSON instead of the readable view (the shape is in the command's description).")
        boolean json;

        @Option(names = "--yaml", description = "Print YAML instead of the readable view: for a version its model.yaml"
                + " (ref and commit in a comment above it), otherwise the same data as --json.")
        boolean yaml;
    }

    /** Prints a document of {@link Documents} as JSON or YAML; false if the readable view is wanted. */
    boolean print(PrintWriter out, Object document) {
        boolean json = format != null && format.json;
        boolean yaml = format != null && format.yaml;
        if (json) {
            out.print(Json.write(document));
            return true;
        }
        if (yaml) {
            out.print(Yaml.write(document));
            return true;
        }
        return false;
    }

    /**
     * Prints versions: JSON as {@link Documents#version} (an array unless {@code single}), YAML as
     * each version's model.yaml, headed by a comment with its ref and commit; false if the readable
     * view is wanted.
     */
    boolean printVersions(PrintWriter out, List<ModelVersion> versions, boolean single) {
        boolean json = format != null && format.json;
        boolean yaml = format != null && format.yaml;
        if (json) {
            out.print(Json.write(single ? Documents.version(versions.get(0)) : versions.stream().map(Documents::version).toList()));
            return true;
        }
        if (yaml) {
            for (int i = 0; i < versions.size(); i++) {
                if (!single || i > 0) {
                    out.println("---");
                }
                ModelVersion v = versions.get(i);
                out.print("# " + v.ref() + " (commit " + v.commit() + ")\n");
                out.print(v.toYaml());
            }
            return true;
        }
        return false;
    }
}
