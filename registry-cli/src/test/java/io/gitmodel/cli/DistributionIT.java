package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.asMap;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.CliTestSupport.Json;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution archive, {@code target/git-model-<version>.tar.gz}, as a user gets it: unpacked
 * into an empty directory and run through its {@code bin/git-model} with a PATH that holds java and
 * git and nothing of Maven. Runs after {@code package} (failsafe).
 */
@IsolatedGit
class DistributionIT {
    private static final Pattern ARCHIVE = Pattern.compile("git-model-(.+)\\.tar\\.gz");

    TestEnv env;
    Path archive;
    String version;

    @BeforeEach
    void setUp(TestEnv env) throws IOException {
        this.env = env;
        assumeTrue(!Processes.windows(), "bin/git-model is a bash script");
        Path target = Processes.target();
        List<Path> archives = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                files.filter(f -> ARCHIVE.matcher(f.getFileName().toString()).matches()).forEach(archives::add);
            }
        }
        assumeTrue(archives.size() == 1, "target/git-model-<version>.tar.gz is made by 'mvn package'; found " + archives);
        archive = archives.get(0);
        Matcher m = ARCHIVE.matcher(archive.getFileName().toString());
        assertTrue(m.matches());
        version = m.group(1);
        assumeTrue(Processes.onPath("tar") != null, "tar is not installed");
    }

    /** The archive's entries, without the top directory git-model-<version>/. */
    private List<String> entries() {
        Output o = Processes.run(env.dir(), env.env(), env.dir(), List.of("tar", "-tzf", archive.toString()));
        assertEquals(0, o.exit(), o::toString);
        String top = "git-model-" + version + "/";
        List<String> entries = new ArrayList<>();
        for (String line : o.out().lines().toList()) {
            assertTrue(line.startsWith(top), () -> "every entry is under " + top + ": " + line);
            entries.add(line.substring(top.length()));
        }
        return entries;
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarManPagesCompletionReadmeAndLicense() {
        List<String> entries = entries();
        for (String expected : List.of("bin/git-model", "lib/git-model.jar", "share/man/man1/git-model.1",
                "share/man/man1/git-model-promote.1", "share/man/man1/git-model-policy-show.1",
                "share/bash-completion/completions/git-model", "share/git-model/ci/check-request.sh", "share/git-model/ci/deploy.sh",
                "share/git-model/ci/github-actions.yml", "README.md", "LICENSE", "CHANGELOG.md")) {
            assertTrue(entries.contains(expected), () -> expected + " missing from " + archive + ": " + entries);
        }
        assertTrue(entries.stream().noneMatch(e -> e.endsWith(".adoc") || e.startsWith("registry-") || e.endsWith("pom.xml")),
                entries::toString);
    }

    /** A directory with java, git (and man, if installed) and the few tools bin/git-model uses: no mvn. */
    private Path toolsWithoutMaven() throws IOException {
        Path tools = Files.createDirectories(env.dir().resolve("tools"));
        Files.createSymbolicLink(tools.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String program : List.of("git", "git-lfs", "bash", "dirname", "readlink", "man", "env")) {
            Path p = Processes.onPath(program);
            if (p != null) {
                Files.createSymbolicLink(tools.resolve(program), p.toRealPath());
            }
        }
        assumeTrue(Files.exists(tools.resolve("git")), "git is not installed");
        assumeTrue(Files.exists(tools.resolve("bash")), "bash is not installed");
        return tools;
    }

    @Test
    void theUnpackedArchiveRunsWithJavaAndGitAlone() throws IOException {
        Path unpacked = Files.createDirectories(env.dir().resolve("opt"));
        Output untar = Processes.run(unpacked, env.env(), env.dir(), List.of("tar", "-xzf", archive.toString()));
        assertEquals(0, untar.exit(), untar::toString);
        Path home = unpacked.resolve("git-model-" + version);
        Path launcher = home.resolve("bin/git-model");
        assertTrue(Files.isExecutable(launcher), launcher + " is executable");

        Path tools = toolsWithoutMaven();
        Map<String, String> e = new HashMap<>(env.env());
        e.put("PATH", home.resolve("bin") + ":" + tools);
        e.remove("JAVA_HOME");
        e.remove("GIT_MODEL_JAVA_OPTS");
        e.remove("MANPATH");
        Path work = Files.createDirectories(env.dir().resolve("work"));
        assertNotEquals(0, run(work, e, "bash", "-c", "command -v mvn").exit(), "no Maven on this PATH");

        Output v = run(work, e, "git-model", "--version");
        assertEquals(0, v.exit(), v::toString);
        assertTrue(v.out().startsWith("git-model " + version + "\n"), v::toString);
        assertTrue(v.out().contains("Java "), v::toString);
        assertEquals("", v.err(), v::toString);

        assertEquals(0, run(work, e, "git-model", "init", "--unsigned", "models").exit());
        Path registry = work.resolve("models");
        Path model = write(work.resolve("model.onnx"), "weights v1");
        Output v1 = run(work, e, "git-model", "-C", registry.toString(), "register", "fraud", "--artifact", model.toString(),
                "--metric", "auc=0.9");
        assertEquals(0, v1.exit(), v1::toString);
        assertEquals("fraud@v1\n", v1.out(), v1::toString);
        Output v2 = run(work, e, "git-model", "-C", registry.toString(), "register", "fraud", "--no-artifacts", "--metric", "auc=0.93");
        assertEquals("fraud@v2\n", v2.out(), v2::toString);

        Output latest = run(work, e, "git-model", "-C", registry.toString(), "resolve", "fraud@latest");
        assertEquals("fraud@v2\n", latest.out(), latest::toString);
        Output promote = run(registry, e, "git-model", "promote", "fraud@v1", "staging", "-m", "offline eval passed");
        assertEquals(0, promote.exit(), promote::toString);
        Output staging = run(registry, e, "git-model", "resolve", "fraud@staging");
        assertEquals("fraud@v1\n", staging.out(), staging::toString);
        Output show = run(registry, e, "git-model", "show", "fraud", "--json");
        assertEquals(0, show.exit(), show::toString);
        assertEquals("fraud@v2", asMap(Json.parse(show.out())).get("ref"));

        // as a git subcommand, with help and did-you-mean
        Output git = run(registry, e, "git", "model", "resolve", "fraud@v1");
        assertEquals("fraud@v1\n", git.out(), git::toString);
        Output help = run(work, e, "git-model", "help", "promote");
        assertEquals(0, help.exit(), help::toString);
        assertTrue(help.out().startsWith("Usage: git-model promote "), help::toString);
        Output typo = run(work, e, "git-model", "promte");
        assertEquals(2, typo.exit(), typo::toString);
        assertTrue(typo.err().startsWith("git-model: usage: 'promte' is not a git-model command; did you mean promote?"), typo::toString);
    }

    @Test
    void theArchivesQuickstartTrainsItsBuiltInModelAndItsReviewStepsRunAsPrinted() throws IOException {
        Path unpacked = Files.createDirectories(env.dir().resolve("opt"));
        assertEquals(0, Processes.run(unpacked, env.env(), env.dir(), List.of("tar", "-xzf", archive.toString())).exit());
        Path home = unpacked.resolve("git-model-" + version);
        Map<String, String> e = new HashMap<>(env.env());
        e.put("PATH", home.resolve("bin") + ":" + toolsWithoutMaven());
        e.remove("GIT_MODEL_EXAMPLES");
        Path work = Files.createDirectories(env.dir().resolve("newcomer"));

        Output q = run(work, e, "git-model", "quickstart");
        assertEquals(0, q.exit(), q::toString);
        assertTrue(q.err().contains("small built-in logistic regression"), "no examples in the archive\n" + q);
        assertTrue(q.out().contains("rolled back production to fraud@v1 (was fraud@v2)"), q::toString);
        assertFalse(q.out().contains("OnnxServingProgram"), q::toString);
        List<String> lines = q.out().lines().toList();
        int from = lines.indexOf(lines.stream().filter(l -> l.startsWith("Put fraud@v2 back")).findFirst().orElseThrow());
        for (String step : lines.subList(from + 1, lines.size()).stream().takeWhile(l -> !l.isBlank()).toList()) {
            Output o = run(work, e, "bash", "-c", step.strip());
            assertEquals(0, o.exit(), step + "\n" + o);
        }
        Output production = run(work, e, "git-model", "-C", "git-model-demo", "resolve", "fraud@production");
        assertEquals("fraud@v2\n", production.out(), production::toString);
    }

    @Test
    void manFindsTheArchivesPagesBesideItsBin() throws IOException {
        Path unpacked = Files.createDirectories(env.dir().resolve("opt"));
        assertEquals(0, Processes.run(unpacked, env.env(), env.dir(), List.of("tar", "-xzf", archive.toString())).exit());
        Path home = unpacked.resolve("git-model-" + version);
        Path tools = toolsWithoutMaven();
        assumeTrue(Files.exists(tools.resolve("man")), "man is not installed");
        Map<String, String> e = new HashMap<>(env.env());
        e.put("PATH", home.resolve("bin") + ":" + tools + ":" + env.env().get("PATH"));
        e.remove("MANPATH");
        Output where = run(env.dir(), e, "man", "-w", "git-model-promote");
        assertEquals(0, where.exit(), where::toString);
        assertEquals(home.resolve("share/man/man1/git-model-promote.1").toRealPath(), Path.of(where.out().strip()).toRealPath());
    }

    private Output run(Path dir, Map<String, String> environment, String... command) {
        return Processes.run(dir, environment, env.dir(), List.of(command));
    }
}
