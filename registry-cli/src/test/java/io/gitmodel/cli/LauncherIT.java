package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bin/git-model} as a real process: an integration test, run by failsafe after {@code package}
 * built the jar. Run alone (e.g. from an IDE) the
 * shaded jar may be missing or older than the sources; then the launcher would start a Maven
 * build of its own, which a unit test must not do, and these tests are skipped.
 */
@IsolatedGit
class LauncherIT {
    TestEnv env;
    Path tmp;

    @BeforeEach
    void setUp(TestEnv env) {
        this.env = env;
        tmp = env.dir();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("bin/git-model")) && Files.isDirectory(dir.resolve("registry-cli"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        return null;
    }

    /** The launcher rebuilds when any of these is newer than the jar (see bin/git-model). */
    private static boolean jarIsFresh(Path root, Path jar) throws IOException {
        FileTime built = Files.getLastModifiedTime(jar);
        List<Path> inputs = List.of(root.resolve("pom.xml"), root.resolve("registry-core/pom.xml"),
                root.resolve("registry-cli/pom.xml"), root.resolve("registry-core/src/main"), root.resolve("registry-cli/src/main"));
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(input)) {
                if (walk.anyMatch(p -> {
                    try {
                        return Files.getLastModifiedTime(p).compareTo(built) > 0;
                    } catch (IOException e) {
                        return true;
                    }
                })) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Path launcher() throws IOException {
        Path root = repositoryRoot();
        assumeTrue(root != null, "bin/git-model not found above " + Path.of("").toAbsolutePath());
        Path jar = root.resolve("registry-cli/target/git-model.jar");
        assumeTrue(Files.isRegularFile(jar), "the shaded jar " + jar + " is built by 'mvn package', after the unit tests");
        assumeTrue(jarIsFresh(root, jar), "the shaded jar " + jar + " is older than the sources; the launcher would rebuild it");
        assumeTrue(!System.getProperty("os.name").toLowerCase().startsWith("windows"), "bin/git-model is a bash script");
        assumeTrue(onPath("bash"), "bash is not installed");
        return root.resolve("bin/git-model");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private record Output(int exit, String out, String err) {
    }

    private Output exec(Path workingDirectory, Map<String, String> extraEnv, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
        // the inherited environment (the launcher needs JAVA_HOME, say), isolated from the user's Git set-up
        pb.environment().putAll(env.env());
        pb.environment().remove("GIT_MODEL_REGISTRY");
        pb.environment().putAll(extraEnv);
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void launcherPrintsTheVersion() throws Exception {
        Path launcher = launcher();
        Output o = exec(launcher.getParent().getParent(), Map.of(), launcher.toString(), "version");
        assertEquals(0, o.exit(), o::toString);
        assertTrue(o.out().startsWith("git-model "), o::toString);
        assertTrue(o.out().contains("Java "), o::toString);
        assertEquals("", o.err(), o::toString);
    }

    @Test
    void launcherExitCodesReachTheShell() throws Exception {
        Path launcher = launcher();
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Output usage = exec(plain, Map.of(), launcher.toString(), "frobnicate");
        assertEquals(2, usage.exit(), usage::toString);
        assertTrue(usage.err().startsWith("git-model: usage: "), usage::toString);
        Output error = exec(plain, Map.of(), launcher.toString(), "list");
        assertEquals(1, error.exit(), error::toString);
        assertEquals("", error.out(), error::toString);
        assertTrue(error.err().startsWith("git-model: error: "), error::toString);
        assertEquals(1, error.err().lines().count(), error::toString);
    }

    @Test
    void gitModelRunsAsAGitSubcommand() throws Exception {
        Path launcher = launcher();
        assumeTrue(onPath("git"), "git is not installed");
        String path = launcher.getParent() + File.pathSeparator + System.getenv("PATH");
        Output o = exec(tmp, Map.of("PATH", path), "git", "model", "version");
        assertEquals(0, o.exit(), o::toString);
        assertTrue(o.out().startsWith("git-model "), o::toString);
    }
}
