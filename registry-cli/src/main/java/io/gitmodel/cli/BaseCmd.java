package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.errors.RegistryException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the root's global options and the output streams. */
abstract class BaseCmd implements Callable<Integer> {
    @ParentCommand
    Object parentCommand;

    /** The root command with the global options; set before {@link #call()} runs. */
    GitModelCommand root;

    /** The root command: the parent, or further up for nested commands. */
    GitModelCommand rootCommand() {
        return (GitModelCommand) parentCommand;
    }

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A note for people on stderr, suppressed by --quiet. */
    void note(String text) {
        if (!root.quiet) {
            err().println(text);
            err().flush();
        }
    }

    @Override
    public final Integer call() throws RegistryException {
        root = rootCommand();
        root.configureLogging();
        run();
        out().flush();
        return ExitCodes.OK;
    }

    abstract void run() throws RegistryException;

    /** Prints versions as JSON, YAML, or not at all (returns false: the caller prints a table). */
    boolean printMachine(OutputOptions output, List<ModelVersion> versions, boolean single) {
        if (output.json) {
            Object data = single ? versions.get(0).toMap() : versions.stream().map(ModelVersion::toMap).toList();
            out().print(Json.write(data));
            return true;
        }
        if (output.yaml) {
            for (int i = 0; i < versions.size(); i++) {
                if (!single || i > 0) {
                    out().println("---");
                }
                out().print("# " + versions.get(i).ref() + " (commit " + versions.get(i).commit() + ")\n");
                out().print(versions.get(i).toYaml());
            }
            return true;
        }
        return false;
    }

    static String metricsSummary(Map<String, Double> metrics, int max) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (n++ == max) {
                b.append(" ...");
                break;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(e.getKey()).append('=').append(Numbers.format(e.getValue()));
        }
        return b.toString();
    }
}
