package io.gitmodel.cli;

import io.gitmodel.registry.errors.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns exceptions into one line on stderr and an exit code: {@code git-model: error: ...} and 1
 * for failures, {@code git-model: usage: ...} and 2 for a wrong command line or invalid input.
 * {@code --debug} adds the stack trace.
 */
final class Errors {
    private Errors() {
    }

    static void install(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean usage = e instanceof InvalidInputException;
            err.println("git-model: " + (usage ? "usage" : "error") + ": " + message(e));
            if (debug(commandLine)) {
                e.printStackTrace(err);
            }
            err.flush();
            return usage ? ExitCodes.USAGE : ExitCodes.ERROR;
        });
        cli.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("git-model: usage: " + e.getMessage());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        });
    }

    private static boolean debug(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof GitModelCommand g && g.debug;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ');
    }
}
