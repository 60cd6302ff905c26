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

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
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

        assertTrue(r.out().contains("git-model status"), r::toString);
        assertTrue(r.out().contains("git-model history fraud"), r::toString);
        assertTrue(r.out().contains("rolled back production to fraud@v1 (was fraud@v2)"), r::toString);
        assertEquals("fraud@v1" + NL, cli.run("-C", "git-model-demo", "resolve", "fraud@production").ok().out(),
                "the demo ends with production rolled back to v1");
        assertEquals("fraud@v2" + NL, cli.run("-C", "git-model-demo", "resolve", "fraud@staging").ok().out());
        assertTrue(r.out().contains("fraud@v2"), r::toString);
        assertTrue(r.out().contains("git-model versions fraud"), r::toString);
        assertTrue(r.outLines().contains("fraud@v1"), "prints each registered ref on its own line\n" + r);
        assertTrue(r.outLines().contains("fraud@v2"), r::toString);
        assertTrue(r.out().contains("git -C git-model-demo log"), r::toString);
        assertFalse(r.err().contains("git-model: error"), r::toString);
        assertFalse(r.err().contains("no Git identity"), "an identity is configured\n" + r);

        Map<String, Object> v2 = CliTestSupport.asMap(Json.parse(
                cli.run("-C", demo.toString(), "show", "fraud@v2", "--json").ok().out()));
        assertEquals("Ada Tester <ada@example.com>", v2.get("created_by"));
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
        Map<String, String> env = new HashMap<>(cli.env);
        Result r = cli.runWith(env, cli.work, "quickstart").ok();
        assertTrue(r.err().contains("no Git identity"), r::toString);
        assertDemo(cli.work.resolve("git-model-demo"));
    }
}
