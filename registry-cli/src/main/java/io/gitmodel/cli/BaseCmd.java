package io.gitmodel.cli;

import io.gitmodel.registry.errors.RegistryException;
import java.io.PrintWriter;
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

    /**
     * A {@code --signing-key} value for the library: a key file named relative to the working
     * directory becomes absolute (the library may run elsewhere); a key id stays as it is.
     */
    String signingKey(String value) {
        if (value == null || value.isBlank() || value.startsWith("~") || value.startsWith("key::")) {
            return value;
        }
        java.nio.file.Path file = root.context.resolve(value);
        return java.nio.file.Files.isRegularFile(file) ? file.toString() : value;
    }

    /** The exit code when {@link #run()} returns normally: a command whose answer is "no" (verify) sets 1. */
    int exitCode = ExitCodes.OK;

    @Override
    public final Integer call() throws RegistryException {
        root = rootCommand();
        root.configureLogging();
        run();
        out().flush();
        err().flush();
        return exitCode;
    }

    abstract void run() throws RegistryException;
}
