package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.NL;
import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.path;
import static io.gitmodel.cli.CliTestSupport.tags;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code git-model quickstart}: a working demo registry in one command, safe to re-run. */
@IsolatedGit
class QuickstartTest {
    Cli cli;

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
    }

    private void assertDemo(Path demo) {
        assertEquals("fraud@v2" + NL, cli.run("resolve", "-C", demo.toString(), "fraud@latest").ok().out());
        assertEquals("fraud@v1" + NL, cli.run("-C", demo.toString(), "resolve", "fraud@v1").ok().out());
        assertEquals(List.of("fraud@v1", "fraud@v2"), tags(demo));
    }

    @Test
    void quickstartCreatesADemoRegistryWithTwoVersions() {
        Result r = cli.run("quickstart").ok();
        Path demo = cli.work.resolve("git-model-demo");
        assertTrue(Files.isDirectory(demo.resolve(".git")), r::toString);
        assertTrue(Files.isRegularFile(demo.resolve("registry.yaml")), r::toString);
        assertEquals("fraud@v2" + NL, cli.run("resolve", "-C", "git-model-demo", "fraud@latest").ok().out());
        assertDemo(demo);

        assertTrue(r.out().contains("$ git-model -C git-model-demo status" + NL), r::toString);
        assertTrue(r.out().contains("$ git-model -C git-model-demo history fraud" + NL), r::toString);
        assertTrue(r.out().contains("$ git-model -C git-model-demo diff fraud@v1 fraud@v2" + NL), r::toString);
        assertTrue(r.out().contains("rolled back production to fraud@v1 (was fraud@v2)"), r::toString);
        assertEquals("fraud@v1" + NL, cli.run("-C", "git-model-demo", "resolve", "fraud@production").ok().out(),
                "the demo ends with production rolled back to v1");
        assertEquals("fraud@v2" + NL, cli.run("-C", "git-model-demo", "resolve", "fraud@staging").ok().out());
        assertTrue(r.outLines().contains("fraud@v1"), "prints each registered ref on its own line\n" + r);
        assertTrue(r.outLines().contains("fraud@v2"), r::toString);
        assertTrue(r.out().contains("git -C git-model-demo log"), r::toString);
        assertTrue(r.out().matches("(?s).*\nQuickstart done in [0-9]+\\.[0-9] s\\.\n"), "ends with how long it took\n" + r);
        assertTrue(r.err().contains("small built-in logistic regression"), "no examples named: the built-in trainer\n" + r);
        assertFalse(r.err().contains("git-model: error"), r::toString);

        Map<String, Object> v2 = CliTestSupport.asMap(Json.parse(
                cli.run("-C", demo.toString(), "show", "fraud@v2", "--json").ok().out()));
        assertEquals("Dana <dana@example.com>", v2.get("created_by"), "the data scientist of the demo registers");
        assertInstanceOf(Double.class, path(v2, "metrics", "auc"));
        double auc = (Double) path(v2, "metrics", "auc");
        assertTrue(auc > 0.5 && auc <= 1.0, "the demo trains a real model: auc=" + auc);
        assertEquals(2, asList(v2.get("artifacts")).size());
        assertEquals(1, asList(path(v2, "lineage", "datasets")).size());

        // the artifacts can be fetched and the demo's hint command works
        Result get = cli.run("-C", "git-model-demo", "get", "fraud@latest", "-o", "fraud-latest").ok();
        assertEquals(2, get.outLines().size(), get::toString);
        assertTrue(Files.isRegularFile(cli.work.resolve("fraud-latest/model.json")));
    }

    @Test
    void productionTakesEachVersionThroughARequestThatTheLeadApproves() throws Exception {
        assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
        Result r = cli.run("quickstart").ok();
        Path demo = cli.work.resolve("git-model-demo");
        assertTrue(r.out().contains("lee$ git-model -C git-model-demo approve fraud@v2:production"), r::toString);
        assertTrue(r.out().contains("merged requests/production/fraud@v2: promoted fraud@v2 to production (was fraud@v1);"
                + " approved by lee@example.com"), r::toString);

        String policy = cli.testEnv.git().git(demo, "show", "main:registry.yaml").ok().stdout();
        assertTrue(policy.contains("approvals: 1"), policy);
        assertTrue(policy.contains("dana@example.com") && policy.contains("lee@example.com"), "the team is declared\n" + policy);
        List<Object> history = asList(Json.parse(cli.in(demo, "history", "fraud", "--json").ok().out()));
        List<Object> intoProduction = history.stream().filter(e -> "production".equals(path(e, "stage"))
                && "promote".equals(path(e, "action"))).toList();
        assertEquals(2, intoProduction.size(), history::toString);
        for (Object e : intoProduction) {
            assertEquals(List.of("lee@example.com"), path(e, "approved_by"), e::toString);
        }
        cli.in(demo, "verify").ok();
        GitCli.Result git = cli.testEnv.git().git(demo, "verify-commit", "stages/production").ok();
        assertTrue(git.stderr().contains("dana@example.com"), git::toString);
        cli.testEnv.git().git(demo, "fsck", "--strict").ok();

        // the next steps' approval as lee works as printed (run from the same directory)
        cli.in(demo, "promote", "fraud@v2", "production", "-m", "direct").failsWithError();
        cli.in(demo, "request", "fraud@v2", "production", "-m", "again").ok();
        String leeKey = r.outLines().stream().filter(l -> l.contains("--signing-key")).findFirst().orElseThrow()
                .replaceAll(".*--signing-key (\\S+).*", "$1");
        Map<String, String> asLee = new HashMap<>(cli.env);
        asLee.put("GIT_AUTHOR_NAME", "Lee");
        asLee.put("GIT_AUTHOR_EMAIL", "lee@example.com");
        cli.runWith(asLee, cli.work, "-C", "git-model-demo", "approve", "fraud@v2:production", "--signing-key", leeKey, "-m", "ok").ok();
        cli.in(demo, "merge", "fraud@v2:production", "-m", "approved by lee").ok();
        assertEquals("fraud@v2" + NL, cli.in(demo, "resolve", "fraud@production").ok().out());
    }

    @Test
    void theUsersOwnSigningKeyDoesNotJoinTheDemoTeam() throws Exception {
        assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
        Path key = cli.home.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start();
        assertEquals(0, keygen.waitFor());
        Files.writeString(cli.home.resolve(".gitconfig"), Files.readString(cli.home.resolve(".gitconfig"))
                + "[gpg]\n\tformat = ssh\n[user]\n\tsigningKey = " + key + "\n");
        Map<String, String> env = new HashMap<>(cli.env);
        env.put("GIT_CONFIG_COUNT", "1"); // and again where it overrides every file
        env.put("GIT_CONFIG_KEY_0", "user.signingKey");
        env.put("GIT_CONFIG_VALUE_0", key.toString());
        cli.runWith(env, cli.work, "quickstart").ok();

        Path demo = cli.work.resolve("git-model-demo");
        String policy = cli.testEnv.git().git(demo, "show", "main:registry.yaml").ok().stdout();
        String usersKey = Files.readString(cli.home.resolve("id_ed25519.pub")).split(" ")[1];
        String danasKey = Files.readString(demo.resolve(".git/git-model-demo-keys/dana.pub")).split(" ")[1];
        assertTrue(policy.contains(danasKey), "init signed with dana's key and declared it\n" + policy);
        assertFalse(policy.contains(usersKey), "the user's own key is not in the demo's team\n" + policy);
        cli.runWith(env, cli.work, "-C", "git-model-demo", "verify").ok();
    }

    @Test
    void commandsArePrintedForAShellEvenWhenTheDirectoryHasASpace() {
        Result r = cli.run("quickstart", "--dir", "my demo").ok();
        assertTrue(r.out().contains("$ git-model -C 'my demo' status" + NL), r::toString);
        assertTrue(r.out().contains("git -C 'my demo' log --oneline --decorate --all"), r::toString);
        assertDemo(cli.work.resolve("my demo"));
    }

    @Test
    void quickstartInTheWorkingDirectoryItselfKeepsIt() throws Exception {
        Path here = Files.createDirectories(cli.work.resolve("empty-here"));
        cli.runIn(here, "quickstart", "--dir", ".").ok();
        Result again = cli.runIn(here, "quickstart", "--dir", ".").ok();
        assertTrue(Files.isDirectory(here), "the working directory is emptied and refilled, not removed");
        assertTrue(again.out().contains("$ git-model -C . status"), again::toString);
        assertDemo(here);
    }

    @Test
    void aDemoThatFailsHalfwayIsRemovedSoTheNextRunStartsClean() throws Exception {
        assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
        // an ssh-keygen that makes keys nobody can sign with: init succeeds, signing the team's policy fails
        Path bin = Files.createDirectories(cli.base.resolve("broken-bin"));
        Path fake = write(bin.resolve("ssh-keygen"), "#!/bin/sh\nwhile [ $# -gt 1 ]; do [ \"$1\" = -f ] && f=\"$2\"; shift; done\n"
                + "echo not-a-key >\"$f\"; echo 'ssh-ed25519 AAAAnotakey x' >\"$f.pub\"\n");
        assertTrue(fake.toFile().setExecutable(true));
        Map<String, String> env = new HashMap<>(cli.env);
        env.put("PATH", bin + java.io.File.pathSeparator + env.getOrDefault("PATH", System.getenv("PATH")));
        Result failed = cli.runWith(env, cli.work, "quickstart");
        assertTrue(failed.exit() != 0 && failed.err().contains("git-model-demo-keys"), failed::toString);
        Path demo = cli.work.resolve("git-model-demo");
        assertEquals(List.of(), Files.exists(demo) ? CliTestSupport.filesUnder(demo) : List.of(), failed::toString);

        cli.run("quickstart").ok();
        assertDemo(demo);
    }

    @Test
    void withoutSshKeygenTheDemoIsUnsignedAndPromotesDirectly() throws Exception {
        Path bin = Files.createDirectories(cli.base.resolve("bin-without-ssh-keygen"));
        Map<String, String> env = new HashMap<>(cli.env);
        env.put("PATH", bin.toString());
        Result r = cli.runWith(env, cli.work, "quickstart").ok();
        assertTrue(r.err().contains("ssh-keygen is not installed"), r::toString);
        assertTrue(r.out().contains("dana$ git-model -C git-model-demo promote fraud@v1 production -m \"first release\""), r::toString);
        assertFalse(r.out().contains("approve"), r::toString);
        assertFalse(r.out().contains("verify-commit"), "nothing is signed to verify\n" + r);
        assertDemo(cli.work.resolve("git-model-demo"));
        assertEquals("fraud@v1" + NL, cli.run("-C", "git-model-demo", "resolve", "fraud@production").ok().out());
    }

    @Test
    void examplesThatAreNotBuiltLeaveTheBuiltInTrainer() throws Exception {
        Path examples = write(cli.base.resolve("checkout/examples/run"), "#!/bin/sh\n").getParent();
        Map<String, String> env = new HashMap<>(cli.env);
        env.put("GIT_MODEL_EXAMPLES", examples.toString());
        Result r = cli.runWith(env, cli.work, "quickstart").ok();
        assertTrue(r.err().contains("are not built"), r::toString);
        assertTrue(r.err().contains(examples.resolve("run") + " --build"), "says how to build them\n" + r);
        assertTrue(r.err().contains("small built-in logistic regression"), r::toString);
        assertFalse(r.out().contains("OnnxServingProgram"), "the serving example needs the ONNX model only the examples register\n" + r);
        assertTrue(r.out().contains("Put fraud@v2 back in production through review"), r::toString);
        assertDemo(cli.work.resolve("git-model-demo"));
    }

    @Test
    void quickstartTwiceReplacesTheDemo() {
        cli.run("quickstart").ok();
        Result again = cli.run("quickstart").ok();
        assertTrue(again.out().contains("fraud@v2"), again::toString);
        Path demo = cli.work.resolve("git-model-demo");
        assertDemo(demo);
        List<Object> versions = asList(Json.parse(cli.run("-C", demo.toString(), "versions", "fraud", "--json").ok().out()));
        assertEquals(2, versions.size(), "the second run starts over instead of adding v3 and v4");
    }

    @Test
    void quickstartRefusesADirectoryItDidNotCreate() throws Exception {
        Path demo = cli.work.resolve("git-model-demo");
        Path notes = write(demo.resolve("notes.txt"), "my precious notes\n");
        write(demo.resolve("sub/data.csv"), "a,b\n1,2\n");

        Result r = cli.run("quickstart").failsWithError();
        assertTrue(r.err().contains("git-model-demo"), r::toString);
        assertEquals("my precious notes\n", Files.readString(notes));
        assertEquals("a,b\n1,2\n", Files.readString(demo.resolve("sub/data.csv")));
        assertFalse(Files.exists(demo.resolve(".git")), "nothing was created in the user's directory");
        assertEquals(List.of("notes.txt", "sub/data.csv"), CliTestSupport.filesUnder(demo));
    }

    @Test
    void quickstartRefusesAFileForItsDirectory() throws Exception {
        Path file = write(cli.work.resolve("notes.txt"), "keep me\n");
        Result r = cli.run("quickstart", "--dir", "notes.txt").failsWithError();
        assertTrue(r.err().contains("is a file, not a directory"), r::toString);
        assertEquals("keep me\n", Files.readString(file));
    }

    @Test
    void quickstartRefusesARegistryItDidNotCreate() {
        Path demo = cli.init("git-model-demo");
        cli.register(demo, "churn", "--metric", "f1=0.5");
        cli.run("quickstart").failsWithError();
        assertEquals(List.of("churn@v1"), tags(demo), "the user's registry is untouched");
    }

    @Test
    void quickstartUsesAnEmptyExistingDirectory() throws Exception {
        Files.createDirectories(cli.work.resolve("git-model-demo"));
        cli.run("quickstart").ok();
        assertDemo(cli.work.resolve("git-model-demo"));
    }

    @Test
    void quickstartDirOption() {
        cli.run("-q", "quickstart", "--dir", "elsewhere/demo").ok();
        assertDemo(cli.work.resolve("elsewhere/demo"));
        assertFalse(Files.exists(cli.work.resolve("git-model-demo")));
    }

    @Test
    void quickstartWorksWithoutAGitIdentity() throws Exception {
        Files.delete(cli.home.resolve(".gitconfig"));
        cli.run("quickstart").ok();
        assertDemo(cli.work.resolve("git-model-demo"));
        // the demo's repository acts as dana, so commands typed in it afterwards need no setup either
        cli.in(cli.work.resolve("git-model-demo"), "demote", "fraud", "staging", "-m", "v2 leaves staging").ok();
    }
}
