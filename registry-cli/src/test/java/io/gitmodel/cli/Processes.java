package io.gitmodel.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real processes for the integration tests that check what a user of the built artifacts sees: the
 * man pages, the completion script, the distribution archive. Output goes to files (no pipe can
 * fill up) and the process gets no terminal.
 */
final class Processes {
    private Processes() {
    }

    /** What a process printed and how it ended. */
    record Output(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err + "---";
        }
    }

    /**
     * Runs {@code command} in {@code dir} with exactly {@code env} as its environment, within 120 seconds,
     * writing its output under {@code scratch}.
     */
    static Output run(Path dir, Map<String, String> env, Path scratch, List<String> command) {
        try {
            // the program is looked up on the child's PATH (Java would search this process's)
            List<String> line = new java.util.ArrayList<>(command);
            if (!line.get(0).contains("/")) {
                Path program = find(line.get(0), env.get("PATH"));
                if (program != null) {
                    line.set(0, program.toString());
                }
            }
            ProcessBuilder pb = new ProcessBuilder(line).directory(dir.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Path out = Files.createTempFile(scratch, "stdout", ".txt");
            Path err = Files.createTempFile(scratch, "stderr", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The program's path on this process's PATH, or null. */
    static Path onPath(String program) {
        return find(program, System.getenv("PATH"));
    }

    private static Path find(String program, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return null;
    }

    /** The module's build directory ({@code registry-cli/target}), where Maven put what these tests check. */
    static Path target() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("registry-cli/target"))) {
            return here.resolve("registry-cli/target");
        }
        return here.resolve("target");
    }

    static boolean windows() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
