package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.NL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --help on every command, the root help's exit-code section, and version output. No registry needed. */
@IsolatedGit
class CliHelpTest {
    Path tmp;

    Cli cli;

    @BeforeEach
    void setUp(TestEnv env) {
        tmp = env.dir();
        cli = new Cli(env);
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "register", "list", "versions", "show", "get", "resolve", "quickstart", "version", "help"})
    void everySubcommandHasHelp(String command) {
        Result r = cli.run(command, "--help").ok();
        assertTrue(r.out().startsWith("Usage:") || r.out().contains("Usage:"), r::toString);
        assertTrue(r.out().contains(command), r::toString);
        assertEquals("", r.err(), r::toString);

        Result shortForm = cli.run(command, "-h").ok();
        assertTrue(shortForm.out().contains("Usage:"), shortForm::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "register", "list", "versions", "show", "get", "resolve", "quickstart", "version"})
    void helpCommandShowsSubcommandHelp(String command) {
        Result r = cli.run("help", command).ok();
        assertTrue(r.out().contains("Usage: git-model " + command), r::toString);
    }

    @Test
    void helpNeedsNoRegistry() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertTrue(cli.runIn(plain, "register", "--help").ok().out().contains("Usage:"));
    }

    @Test
    void rootHelpListsCommandsAndExitCodes() {
        Result r = cli.run("--help").ok();
        String out = r.out();
        assertTrue(out.contains("Usage:"), r::toString);
        assertTrue(out.contains("Exit codes:"), r::toString);
        List<String> lines = r.outLines();
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("0") && l.contains("Success")), r::toString);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("1") && l.contains("Error")), r::toString);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("2") && l.contains("Usage error")), r::toString);
        for (String command : List.of("init", "register", "list", "versions", "show", "get", "resolve", "quickstart")) {
            assertTrue(out.contains("  " + command + " ") || out.contains("  " + command + NL), () -> command + "\n" + r);
        }
        assertEquals(out, cli.run("help").ok().out(), "'help' is the same as '--help'");
    }

    @Test
    void versionPrintsGitModelVersion() {
        Result v = cli.run("version").ok();
        assertTrue(v.out().startsWith("git-model "), v::toString);
        assertFalse(v.outLines().get(0).contains("unknown"), v::toString);
        assertTrue(v.out().contains("Java "), v::toString);
        assertEquals("", v.err());
        Result flag = cli.run("--version").ok();
        assertTrue(flag.out().startsWith("git-model "), flag::toString);
        assertEquals(v.out(), flag.out());
        assertEquals(v.out(), cli.run("-V").ok().out());
    }
}
