package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command that prints information takes --json and --yaml (the OutputOptions mixin). */
@IsolatedGit
class CliReadCommandsTest {
    /** The commands that print information rather than change anything; each has --json and --yaml. */
    static final List<String> READ_COMMANDS = List.of("list", "versions", "search", "show", "diff", "compare", "lineage",
            "where-used", "resolve", "status", "history", "log", "requests", "signers list", "policy show", "verify", "remote list",
            "version", "import dir", "import gto");

    Cli cli;

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
    }

    @Test
    void everyReadCommandTakesJsonAndYaml() {
        CommandLine root = new CommandLine(new GitModelCommand(new Context(Map.of(), cli.work)));
        TreeSet<String> withJson = new TreeSet<>();
        collect(root, "", withJson);
        for (String command : READ_COMMANDS) {
            CommandLine c = root;
            for (String word : command.split(" ")) {
                c = c.getSubcommands().get(word);
            }
            assertTrue(c.getCommandSpec().findOption("--json") != null && c.getCommandSpec().findOption("--yaml") != null,
                    command + " takes --json and --yaml");
        }
        // and nothing else: a new command that prints data belongs in READ_COMMANDS (and README's table)
        assertEquals(new TreeSet<>(READ_COMMANDS), withJson);
    }

    private static void collect(CommandLine command, String prefix, TreeSet<String> withJson) {
        for (Map.Entry<String, CommandLine> e : command.getSubcommands().entrySet()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            if (e.getValue().getCommandSpec().findOption("--json") != null) {
                withJson.add(name);
            }
            collect(e.getValue(), name, withJson);
        }
    }

    @Test
    void versionJsonHoldsWhatTheTextShows() {
        Result text = cli.run("version").ok();
        List<String> lines = text.outLines();
        assertEquals(2, lines.size(), text::toString);
        Map<String, Object> json = asMap(Json.parse(cli.run("version", "--json").ok().out()));
        assertEquals(List.of("version", "java"), new ArrayList<>(json.keySet()));
        assertEquals(lines.get(0), "git-model " + json.get("version"));
        Map<String, Object> java = asMap(json.get("java"));
        assertEquals(lines.get(1), "Java " + java.get("version") + " (" + java.get("vendor") + ")");
        assertEquals(System.getProperty("java.version"), java.get("version"));

        String yaml = cli.run("version", "--yaml").ok().out();
        assertTrue(yaml.contains("version: " + json.get("version")), yaml);
        assertTrue(yaml.contains("java:"), yaml);
        // --version (picocli's) stays the two lines
        assertEquals(text.out(), cli.run("--version").ok().out());
    }
}
