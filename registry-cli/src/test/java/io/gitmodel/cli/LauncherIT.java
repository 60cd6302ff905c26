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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs {@code bin/git-model} as a real process (see {@link LauncherSupport} for when it is skipped). */
@IsolatedGit
class LauncherIT {
    TestEnv env;
    Path tmp;

    @BeforeEach
    void setUp(TestEnv env) {
        this.env = env;
        tmp = env.dir();
    }

    private static Path launcher() throws IOException {
        return LauncherSupport.launcher();
    }

    private static boolean onPath(String program) {
        return LauncherSupport.onPath(program);
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

    @Test
    void debugShowsGitModelsOwnLogLinesNotJGitsInternals() throws Exception {
        Path launcher = launcher();
        Path reg = tmp.resolve("reg");
        Path model = Files.writeString(tmp.resolve("model.bin"), "weights");
        assertEquals(0, exec(tmp, Map.of(), launcher.toString(), "init", "--unsigned", reg.toString()).exit());
        Output o = exec(tmp, Map.of(), launcher.toString(), "--debug", "-C", reg.toString(), "register", "fraud",
                "--artifact", model.toString());
        assertEquals(0, o.exit(), o::toString);
        assertTrue(o.err().contains("git-model: INFO [io.gitmodel."), o::toString);
        assertTrue(o.err().lines().noneMatch(l -> l.contains("DEBUG [org.eclipse.jgit")), o::toString);
        Output failed = exec(tmp, Map.of(), launcher.toString(), "--debug", "-C", reg.toString(), "show", "fraud@v9");
        assertEquals(1, failed.exit(), failed::toString);
        assertTrue(failed.err().contains("\tat io.gitmodel."), "--debug prints the stack trace: " + failed);
        Output plain = exec(tmp, Map.of(), launcher.toString(), "-C", reg.toString(), "register", "fraud", "--artifact",
                model.toString());
        assertEquals(0, plain.exit(), plain::toString);
        assertTrue(plain.err().lines().noneMatch(l -> l.startsWith("git-model: ")), "no log lines without --debug: " + plain);
    }

    @Test
    void withoutDebugTheLibrarysWarningsReachStderr() throws Exception {
        Path launcher = launcher();
        assumeTrue(onPath("git"), "git is not installed");
        Path reg = tmp.resolve("reg");
        assertEquals(0, exec(tmp, Map.of(), launcher.toString(), "init", "--unsigned", reg.toString()).exit());
        // training code in a repository whose index is damaged: the source cannot be recorded, with a warning
        Path code = Files.createDirectories(tmp.resolve("code"));
        Path model = Files.writeString(code.resolve("model.bin"), "weights");
        for (String[] git : List.of(new String[] {"git", "init", "-q"}, new String[] {"git", "add", "model.bin"},
                new String[] {"git", "commit", "-q", "-m", "code"})) {
            assertEquals(0, exec(code, Map.of(), git).exit());
        }
        Files.writeString(code.resolve(".git/index"), "not an index");
        Output o = exec(code, Map.of(), launcher.toString(), "-C", reg.toString(), "register", "fraud", "--artifact", "model.bin");
        assertEquals(0, o.exit(), o::toString);
        assertTrue(o.err().startsWith("git-model: WARN: could not record the source code repository"), o::toString);
        Output quiet = exec(code, Map.of(), launcher.toString(), "-q", "-C", reg.toString(), "register", "fraud", "--artifact",
                "model.bin");
        assertEquals(0, quiet.exit(), quiet::toString);
        assertEquals("", quiet.err(), "--quiet leaves errors only: " + quiet);
    }

    @Test
    void readCommandsRunNoChildProcessToFindGitsSystemConfig() throws Exception {
        Path launcher = launcher();
        assumeTrue(onPath("strace"), "strace is not installed");
        assumeTrue(onPath("git"), "git is not installed");
        Path reg = tmp.resolve("reg");
        assertEquals(0, exec(tmp, Map.of(), launcher.toString(), "init", "--unsigned", reg.toString()).exit());
        Map<String, String> withSystem = new java.util.HashMap<>();
        withSystem.put("GIT_CONFIG_NOSYSTEM", "");
        exec(tmp, withSystem, launcher.toString(), "-C", reg.toString(), "list"); // the first call may ask git once
        Path trace = tmp.resolve("trace.txt");
        Output o = exec(tmp, withSystem, "strace", "-f", "-qq", "-e", "trace=execve", "-o", trace.toString(), launcher.toString(),
                "-C", reg.toString(), "list");
        assertEquals(0, o.exit(), o::toString);
        List<String> programs = Files.readAllLines(trace).stream().filter(l -> l.contains("execve(")).toList();
        assertTrue(programs.stream().noneMatch(l -> l.contains("bin/git\"") || l.contains("jspawnhelper")), String.join("\n", programs));
    }
}
