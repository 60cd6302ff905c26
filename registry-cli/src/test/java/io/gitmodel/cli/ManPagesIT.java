package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.Processes.Output;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The man pages the build generates (picocli's ManPageGenerator, then Asciidoctor) into
 * {@code share/man/man1}: one per command, rendered by the real {@code man} where it is installed,
 * found by man when {@code bin/} is on PATH, and shown by {@code git model --help}.
 */
@IsolatedGit
class ManPagesIT {
    TestEnv env;
    Path man1;

    @BeforeEach
    void setUp(TestEnv env) {
        this.env = env;
        man1 = Processes.target().resolve("share/man/man1");
        assumeTrue(Files.isDirectory(man1), man1 + " is made by 'mvn process-classes' (or package); not built yet");
    }

    /** Every command and subcommand registered in GitModelCommand, as its page's name: git-model-policy-show. */
    private List<String> pageNames() {
        List<String> names = new ArrayList<>();
        collect(new CommandLine(new GitModelCommand(new Context(Map.of(), env.dir()))), names);
        return names;
    }

    private static void collect(CommandLine command, List<String> names) {
        names.add(command.getCommandSpec().qualifiedName("-"));
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getParent() == command && !names.contains(sub.getCommandSpec().qualifiedName("-"))) {
                collect(sub, names);
            }
        }
    }

    private static String roff(String text) {
        return text.replace("-", "\\-");
    }

    private static String manInstalledReason() {
        return "man is not installed (checked the pages exist, not that they render)";
    }

    private Map<String, String> manEnv() {
        Map<String, String> e = new HashMap<>(env.env());
        e.put("MANPAGER", "cat");
        e.put("PAGER", "cat");
        e.put("MANWIDTH", "100");
        e.put("LC_ALL", "C.UTF-8");
        e.remove("MANPATH");
        return e;
    }

    @Test
    void everyCommandHasAManPageAndNothingElseDoes() throws IOException {
        List<String> names = pageNames();
        assertTrue(names.containsAll(List.of("git-model", "git-model-promote", "git-model-show", "git-model-policy-show",
                "git-model-remote-list", "git-model-signers-add", "git-model-help")), names::toString);
        TreeSet<String> expected = new TreeSet<>();
        names.forEach(n -> expected.add(n + ".1"));
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(man1)) {
            files.forEach(f -> present.add(f.getFileName().toString()));
        }
        assertEquals(expected, present);
        for (String name : names) {
            String roff = Files.readString(man1.resolve(name + ".1"));
            // roff escapes '-' as '\-'; the footer names the version that made the page
            String version = io.gitmodel.registry.Registry.libraryVersion();
            assertTrue(roff.contains(".TH \"" + roff(name.toUpperCase(java.util.Locale.ROOT)) + "\" \"1\" "), name + ":\n" + roff);
            assertTrue(roff.contains("\"" + roff("git-model " + version) + "\" \"" + roff("git-model Manual") + "\""),
                    name + ":\n" + roff);
        }
    }

    @Test
    void manRendersEveryPageWithoutComplaint() throws IOException {
        Path man = Processes.onPath("man");
        assumeTrue(man != null, manInstalledReason());
        for (String name : pageNames()) {
            Output o = Processes.run(env.dir(), manEnv(), env.dir(), List.of(man.toString(), "-l", man1.resolve(name + ".1").toString()));
            assertEquals(0, o.exit(), () -> name + "\n" + o);
            assertEquals("", o.err(), () -> name + " made man (groff) warn\n" + o);
            String text = o.out().replaceAll(".\b", "");
            assertTrue(text.contains("NAME"), () -> name + "\n" + o);
            assertTrue(text.contains(name + " - "), () -> name + "\n" + o);
        }
        Output root = Processes.run(env.dir(), manEnv(), env.dir(), List.of(man.toString(), "-l", man1.resolve("git-model.1").toString()));
        String text = root.out().replaceAll(".\b", "");
        assertTrue(text.contains("git-model - A model registry whose whole state is an ordinary Git repository."), root::toString);
        assertTrue(text.contains("SYNOPSIS") && text.contains("COMMANDS") && text.contains("promote"), root::toString);
        Output promote = Processes.run(env.dir(), manEnv(), env.dir(),
                List.of(man.toString(), "-l", man1.resolve("git-model-promote.1").toString()));
        String p = promote.out().replaceAll(".\b", "");
        assertTrue(p.contains("--reason") && p.contains("<ref>") && p.contains("<stage>"), promote::toString);
        assertTrue(p.contains("\"Bo Reviewer <bo@example.com>\""), () -> "an e-mail address in a help text survives\n" + promote);
    }

    /** The checkout's bin/ and its share symlink to registry-cli/target/share, as README describes. */
    private static Path checkoutRoot() {
        Path dir = Processes.target().toAbsolutePath().getParent();
        while (dir != null && !(Files.isRegularFile(dir.resolve("bin/git-model")) && Files.exists(dir.resolve("share")))) {
            dir = dir.getParent();
        }
        return dir;
    }

    @Test
    void manFindsThePagesBesideBinOnPathWithoutManpath() throws IOException {
        Path man = Processes.onPath("man");
        assumeTrue(man != null, manInstalledReason());
        Path root = checkoutRoot();
        assumeTrue(root != null, "not run from a checkout with bin/git-model and the share symlink");
        Map<String, String> e = manEnv();
        e.put("PATH", root.resolve("bin") + java.io.File.pathSeparator + e.get("PATH"));
        Output where = Processes.run(env.dir(), e, env.dir(), List.of(man.toString(), "-w", "git-model-promote"));
        assumeTrue(where.exit() == 0 || !where.err().contains("manpath"), where::toString);
        assertEquals(0, where.exit(), where::toString);
        assertEquals(man1.resolve("git-model-promote.1").toRealPath(), Path.of(where.out().strip()).toRealPath(), where::toString);

        Path git = Processes.onPath("git");
        assumeTrue(git != null, "git is not installed");
        Output help = Processes.run(env.dir(), e, env.dir(), List.of(git.toString(), "model", "--help"));
        assertEquals(0, help.exit(), help::toString);
        String text = help.out().replaceAll(".\b", "");
        assertTrue(text.contains("GIT-MODEL(1)") && text.contains("SYNOPSIS"), help::toString);
    }
}
