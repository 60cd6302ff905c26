package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The CI templates in examples/ci run check-request.sh on pull requests into stage branches and
 * deploy.sh on a change of stages/production; these run both against a real registry, as the
 * launcher and git run them, and check that the templates are YAML calling those scripts.
 */
@IsolatedGit
class CiScriptsIT {
    private TestEnv env;
    private Path launcher;
    private Path ci;
    private Path shared;
    private Path work;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        launcher = LauncherSupport.launcher();
        ci = launcher.getParent().getParent().resolve("examples/ci");
        shared = env.dir().resolve("shared.git");
        work = env.dir().resolve("work");
        gm(env.dir(), "init", "--bare", "--unsigned", shared.toString());
        gm(env.dir(), "clone", shared.toString(), work.toString());
        Files.writeString(env.dir().resolve("model.onnx"), "weights v1");
    }

    private Run run(Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env.env());
        pb.environment().remove("GIT_MODEL_REGISTRY");
        pb.environment().put("GIT_MODEL", launcher.toString());
        Path out = Files.createTempFile(env.dir(), "out", ".txt");
        Path err = Files.createTempFile(env.dir(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run gm(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = launcher.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Run r = run(dir, command);
        assertEquals(0, r.exit(), () -> String.join(" ", args) + "\n" + r);
        return r;
    }

    @Test
    void checkRequestPassesAReadyRequestAndRefusesOneThatIsNot() throws Exception {
        gm(work, "register", "fraud", "--artifact", env.dir().resolve("model.onnx").toString(), "--no-source");
        gm(work, "promote", "fraud@v1", "staging", "-m", "eval");
        gm(work, "request", "fraud@v1", "production", "-m", "ship it", "--push", "origin");
        gm(work, "push");

        Run ready = run(env.dir(), ci.resolve("check-request.sh").toString(), shared.toUri().toString(),
                "requests/production/fraud@v1");
        assertEquals(0, ready.exit(), ready::toString);
        assertTrue(ready.out().contains("ready to merge"), ready::toString);

        Run none = run(env.dir(), ci.resolve("deploy.sh").toString(), shared.toUri().toString(), "fraud",
                env.dir().resolve("deploy").toString());
        assertEquals(1, none.exit(), "nothing in production yet: " + none);

        gm(work, "merge", "fraud@v1:production", "-m", "ok", "--push", "origin");
        Run deployed = run(env.dir(), ci.resolve("deploy.sh").toString(), shared.toUri().toString(), "fraud",
                env.dir().resolve("deploy").toString());
        assertEquals(0, deployed.exit(), deployed::toString);
        assertEquals("deployed fraud@v1 to " + env.dir().resolve("deploy") + "\n", deployed.out());
        assertEquals("weights v1", Files.readString(env.dir().resolve("deploy/model.onnx")));

        // production now needs an approval: a request without one is refused, with the reason
        String yaml = run(work, "git", "show", "main:registry.yaml").out();
        Files.writeString(env.dir().resolve("registry.yaml"), yaml.replaceFirst("(?s)(production:.*?approvals: )0", "$11"));
        gm(work, "policy", "set", env.dir().resolve("registry.yaml").toString(), "-m", "one approval");
        gm(work, "register", "fraud", "--artifact", env.dir().resolve("model.onnx").toString(), "--no-source");
        gm(work, "promote", "fraud@v2", "staging", "-m", "eval");
        gm(work, "request", "fraud@v2", "production", "-m", "ship v2", "--push", "origin");
        gm(work, "push");
        Run missing = run(env.dir(), ci.resolve("check-request.sh").toString(), shared.toUri().toString(),
                "requests/production/fraud@v2");
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.out().contains("needs 1 approval") && missing.err().contains("is not ready to merge"),
                missing::toString);
    }

    @Test
    void theTemplatesAreYamlThatCallTheTestedScripts() throws Exception {
        Load yaml = new Load(LoadSettings.builder().build());
        for (String template : List.of("github-actions.yml", "gitlab-ci.yml")) {
            String text = Files.readString(ci.resolve(template));
            Object doc = yaml.loadFromString(text);
            assertTrue(doc instanceof Map<?, ?>, template + " is a YAML mapping");
            assertTrue(text.contains("$GIT_MODEL_CI/check-request.sh") && text.contains("$GIT_MODEL_CI/deploy.sh"),
                    template + " calls both scripts from the distribution's share/git-model/ci");
        }
        assertTrue(Files.isExecutable(ci.resolve("check-request.sh")) && Files.isExecutable(ci.resolve("deploy.sh")));
    }
}
