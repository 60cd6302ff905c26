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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's shell examples are a script: every {@code ```sh} block, in order, runs in one bash
 * session in a new empty directory with {@code bin/} on PATH, and must succeed, so the user guide
 * stays true. A block right after a {@code <!-- not run -->} line is skipped (the set-up commands,
 * which CI runs anyway, configuration with placeholders, the several-person approval walkthrough).
 * Signing is configured first, as the README's Signing section says.
 */
@IsolatedGit
class ReadmeExamplesIT {
    static final String NOT_RUN = "<!-- not run -->";

    /** A {@code ```sh} block of the README and the line its fence is on. */
    record Block(int line, String code) {
    }

    static List<Block> runnableBlocks(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).strip().equals("```sh")) {
                continue;
            }
            boolean skipped = i > 0 && readme.get(i - 1).strip().equals(NOT_RUN);
            StringBuilder code = new StringBuilder();
            int j = i + 1;
            for (; j < readme.size() && !readme.get(j).strip().equals("```"); j++) {
                code.append(readme.get(j)).append('\n');
            }
            if (!skipped) {
                blocks.add(new Block(i + 1, code.toString()));
            }
            i = j;
        }
        return blocks;
    }

    @Test
    void theReadmesShellExamplesRunInOrderInANewDirectory(TestEnv env) throws Exception {
        Path launcher = LauncherSupport.launcher();
        assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed (the README's examples sign stage commits)");
        Path readme = launcher.getParent().getParent().resolve("README.md");
        List<Block> blocks = runnableBlocks(Files.readAllLines(readme, StandardCharsets.UTF_8));
        assertTrue(blocks.size() >= 5, "the README has runnable examples: " + blocks.size());

        env.configureSshSigning("id_ed25519");
        StringBuilder script = new StringBuilder("set -eu\n");
        for (Block b : blocks) {
            // where a failure happened: the README line of the block's fence
            script.append("echo 'README.md:").append(b.line()).append("' >&2\n").append(b.code());
        }
        Path work = Files.createDirectories(env.dir().resolve("work"));
        Path scriptFile = Files.writeString(env.dir().resolve("readme-examples.sh"), script);
        ProcessBuilder pb = new ProcessBuilder("bash", scriptFile.toString()).directory(work.toFile());
        pb.environment().putAll(env.env());
        pb.environment().remove("GIT_MODEL_REGISTRY");
        pb.environment().put("PATH", launcher.getParent() + File.pathSeparator + env.env().get("PATH"));
        Path out = env.dir().resolve("stdout.txt");
        Path err = env.dir().resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the README's examples did not finish in 5 minutes; stderr:\n" + read(err));
        }
        String stderr = read(err);
        String stdout = read(out);
        assertEquals(0, p.exitValue(), () -> "a README example failed (the last README.md:<line> is its block):\n" + stderr
                + "\nstdout:\n" + stdout);
        // what the examples' comments promise
        assertTrue(stdout.lines().anyMatch(l -> l.equals("fraud@v2")), "echo \"$ref\" prints fraud@v2:\n" + stdout);
        assertTrue(Files.isRegularFile(work.resolve("serving/fraud/model.onnx")), "get -o serving/fraud wrote the version");
        assertTrue(Files.isRegularFile(work.resolve("fraud-serving/model.onnx")), "the metadata-only clone fetched what it read");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
