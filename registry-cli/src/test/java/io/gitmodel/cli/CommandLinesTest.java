package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A call naming one command gets a model with that command only: it must behave as the full model does. */
class CommandLinesTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(boolean full, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        GitModelCommand root = new GitModelCommand(new Context(Map.of("HOME", "/nonexistent"), Path.of("/nonexistent")));
        CommandLine cli = full ? CommandLines.full(root) : CommandLines.forArgs(root, args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Errors.install(cli);
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> commandNames() {
        List<String> names = new ArrayList<>();
        for (Class<?> sub : GitModelCommand.class.getAnnotation(Command.class).subcommands()) {
            Command c = sub.getAnnotation(Command.class);
            if (c != null && !c.name().equals("help")) {
                names.add(c.name());
            }
        }
        return names;
    }

    @Test
    void everyCommandsHelpIsTheSameWithTheOneCommandModel() {
        for (String name : commandNames()) {
            assertNotNull(CommandLines.commandNamed(new String[] {name}), name);
            assertEquals(run(true, name, "--help"), run(false, name, "--help"), name);
            assertEquals(run(true, "-q", "-C", "/x", name, "--help"), run(false, "-q", "-C", "/x", name, "--help"), name);
        }
    }

    @Test
    void usageErrorsAreTheSame() {
        for (String[] args : List.of(new String[] {"resolve"}, new String[] {"resolve", "--bogus", "x"},
                new String[] {"-qC", "/x", "show"}, new String[] {"--registry=/x", "versions", "a", "b"})) {
            assertEquals(run(true, args), run(false, args), String.join(" ", args));
        }
    }

    @Test
    void theFullModelServesWhatTheOneCommandModelCannot() {
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"--version"}, new String[] {"help", "resolve"},
                new String[] {"frobnicate"}, new String[] {"-x", "resolve"}, new String[] {"--", "resolve"}, new String[] {"@args"})) {
            assertNull(CommandLines.commandNamed(args), String.join(" ", args));
        }
        assertEquals(ResolveCmd.class, CommandLines.commandNamed(new String[] {"-C", "dir", "--debug", "--unverified", "resolve", "x"}));
        assertEquals(ResolveCmd.class, CommandLines.commandNamed(new String[] {"-qCdir", "resolve"}));
        assertEquals(ResolveCmd.class, CommandLines.commandNamed(new String[] {"-qC", "dir", "resolve"}));
    }
}
