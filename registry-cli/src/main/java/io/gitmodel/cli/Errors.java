package io.gitmodel.cli;

import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into one line on stderr and an exit code: {@code git-model: error: ...} and 1
 * for failures, {@code git-model: usage: ...} and 2 for a wrong command line or invalid input.
 * A mistyped command or option, model or stage name ends with what was probably meant
 * ({@code did you mean promote?}). {@code --debug} adds the stack trace.
 */
final class Errors {
    private Errors() {
    }

    static void install(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean usage = e instanceof InvalidInputException;
            String suggestion = e instanceof RegistryException r
                ? Suggestions.forMissing(r, root(commandLine), parseResult.originalArgs()) : "";
            err.println("git-model: " + (usage ? "usage" : "error") + ": " + message(e) + suggestion);
            if (root(commandLine).debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return usage ? ExitCodes.USAGE : ExitCodes.ERROR;
        });
        cli.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("git-model: usage: " + usageMessage(unknownOptionsFirst(e)));
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        });
    }

    /**
     * An unknown option is reported before what it caused: {@code promote fraud@v1 staging --reson x}
     * lacks --reason because of the typo, so "unknown option '--reson'" (with its suggestion) is the
     * message rather than picocli's "Missing required option".
     */
    private static ParameterException unknownOptionsFirst(ParameterException e) {
        if (e instanceof UnmatchedArgumentException) {
            return e;
        }
        ParseResult parsed = e.getCommandLine().getParseResult();
        if (parsed != null && !parsed.unmatched().isEmpty() && isOption(parsed.unmatched().get(0))) {
            return new UnmatchedArgumentException(e.getCommandLine(), parsed.unmatched());
        }
        return e;
    }

    private static String usageMessage(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return message(e);
        }
        CommandSpec spec = u.getCommandLine().getCommandSpec();
        String first = u.getUnmatched().get(0);
        // the nearest names by edit distance are the likely typos: every option of the command (picocli's own
        // proposals miss a swapped pair of letters, --dri for --dir), or picocli's proposals of subcommands
        List<String> candidates = new java.util.ArrayList<>(u.getSuggestions());
        if (isOption(first)) {
            spec.options().forEach(o -> candidates.addAll(java.util.Arrays.asList(o.names())));
        }
        List<String> suggestions = Suggestions.closest(first, candidates);
        if (isOption(first)) {
            return "unknown option '" + first + "'" + didYouMean(suggestions);
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            return "'" + first + "' is not a " + spec.qualifiedName() + " command" + didYouMean(suggestions);
        }
        return message(e);
    }

    private static boolean isOption(String arg) {
        return arg.length() > 1 && arg.startsWith("-");
    }

    private static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        return suggestions.size() == 1 ? "; did you mean " + suggestions.get(0) + "?"
            : "; did you mean one of " + String.join(", ", suggestions) + "?";
    }

    private static GitModelCommand root(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return (GitModelCommand) root.getCommand();
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ');
    }
}
