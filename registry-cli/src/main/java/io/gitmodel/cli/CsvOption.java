package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --csv} for the commands that print versions (list, versions, search). */
final class CsvOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--csv", description = "Print CSV (RFC 4180): a row per version, a column per field, metric, parameter and tag.")
    boolean csv;

    /** --csv with --json or --yaml is a usage error. */
    void checkAlone(OutputOptions output) {
        if (csv && output.format != null) {
            throw new ParameterException(spec.commandLine(), "--csv, --json and --yaml are mutually exclusive; give one");
        }
    }

    /**
     * Prints versions as CSV, JSON or YAML when one was asked for (a usage error if more than one);
     * false if the readable view is wanted.
     */
    boolean printVersions(PrintWriter out, List<ModelVersion> versions, OutputOptions output) {
        checkAlone(output);
        if (csv) {
            CsvOutput.versions(out, versions);
            return true;
        }
        return output.printVersions(out, versions, false);
    }
}
