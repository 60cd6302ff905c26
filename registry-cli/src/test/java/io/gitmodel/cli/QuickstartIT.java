package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/git-model quickstart} in a checkout, as the README's first command runs it: the
 * launcher hands it the built examples, so the two versions come from the real Tribuo training
 * job; then the release steps it prints are run as printed, from a shell.
 */
@IsolatedGit
class QuickstartIT {
    @Test
    void quickstartTrainsWithTheTribuoJobAndItsNextStepsRunAsPrinted(TestEnv env) throws Exception {
        Path launcher = LauncherSupport.launcher();
        Path examples = LauncherSupport.builtExamples().toRealPath(); // as the launcher names it (cd -P)
        assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
        Path work = Files.createDirectories(env.dir().resolve("newcomer"));

        String out = bash(env, work, "\"$0\" quickstart", launcher.toString());
        assertTrue(out.contains("dana$ " + examples.resolve("run") + " TribuoTrainingJob git-model-demo --epochs 2 --learning-rate 0.05"),
                out);
        assertTrue(out.contains("fraud@v1 auc=0.7358 accuracy=0.7090"), "the deterministic data set and seed\n" + out);
        assertTrue(out.contains("fraud@v2 auc=0.7758 accuracy=0.7410"), out);
        assertTrue(out.contains("merged requests/production/fraud@v2: promoted fraud@v2 to production (was fraud@v1);"
                + " approved by lee@example.com"), out);
        assertTrue(out.contains("No violations of registry.yaml"), out);
        assertTrue(out.matches("(?s).*Quickstart done in [0-9.]+ s\\.\\s*"), out);
        String shown = bash(env, work, "\"$0\" -C git-model-demo show fraud@v2 --json", launcher.toString());
        assertTrue(shown.contains("\"model.onnx\"") && shown.contains("\"model.tribuo\""), "both forms of the model\n" + shown);
        assertTrue(shown.contains("Tribuo LinearSGDTrainer"), shown);

        // the release through review that it suggests, line by line as printed (the server and curl aside)
        List<String> release = new ArrayList<>();
        boolean inBlock = false;
        for (String line : out.lines().toList()) {
            inBlock = inBlock ? !line.isBlank() && !line.startsWith("Quickstart done") : line.startsWith("Serve production");
            if (inBlock && line.startsWith("  ") && !line.contains("OnnxServingProgram") && !line.contains("curl")
                    && !line.contains("team-flow")) {
                release.add(line.strip());
            }
        }
        assertEquals(5, release.size(), "train, staging, request, approve as lee, merge\n" + out);
        for (String line : release) {
            bash(env, work, line);
        }
        assertEquals("fraud@v3", bash(env, work, "\"$0\" -C git-model-demo resolve fraud@production", launcher.toString()).strip());
        String history = bash(env, work, "\"$0\" -C git-model-demo history fraud --json", launcher.toString());
        assertTrue(history.replaceAll("\\s", "").contains("\"approved_by\":[\"lee@example.com\"]"), history);
        bash(env, work, "\"$0\" -C git-model-demo verify", launcher.toString());
    }

    /** Runs {@code script} with bash in {@code dir}; fails the test unless it exits 0; returns stdout and stderr. */
    private static String bash(TestEnv env, Path dir, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = pb.environment();
        environment.putAll(env.env());
        environment.remove("GIT_MODEL_REGISTRY");
        Path log = Files.createTempFile(env.dir(), "bash", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " timed out:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), script + "\n" + output);
        return output;
    }
}
