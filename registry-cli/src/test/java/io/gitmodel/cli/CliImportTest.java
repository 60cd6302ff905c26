package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** import dir: one version per subdirectory, a line each, again only what is new; bad input exits 1 with one line. */
@IsolatedGit
class CliImportTest {
    @Test
    void importsADirectoryOfVersions(TestEnv env) {
        Cli cli = new Cli(env);
        Path reg = cli.init("reg", "--unsigned");
        Path bucket = cli.work.resolve("bucket");
        write(bucket.resolve("v1/model.onnx"), "one");
        write(bucket.resolve("v2/model.onnx"), "two");
        write(bucket.resolve("v2/metrics.json"), "{\"auc\": 0.93}");
        write(bucket.resolve("v2/README.md"), "# v2\n");

        assertEquals(List.of("imported v1 as fraud@v1", "imported v2 as fraud@v2"),
                cli.in(reg, "import", "dir", bucket.toString(), "--name", "fraud").ok().outLines());
        assertTrue(cli.in(reg, "show", "fraud@v2").ok().out().contains("auc"));

        write(bucket.resolve("v3/model.onnx"), "three");
        Map<String, Object> doc = asMap(Json.parse(cli.in(reg, "import", "dir", bucket.toString(), "--name", "fraud", "--json")
                .ok().out()));
        assertEquals(List.of("v1", "v2"), doc.get("skipped"));
        assertEquals("fraud@v3", asMap(asList(doc.get("imported")).get(0)).get("ref"));

        write(bucket.resolve("v4/metrics.json"), "{}");
        assertTrue(cli.in(reg, "import", "dir", bucket.toString(), "--name", "fraud").failsWithError().err().contains("no artifact file"));
        cli.in(reg, "import", "dir", bucket.toString()).failsWithUsage();
        assertEquals(3, asList(Json.parse(cli.in(reg, "versions", "fraud", "--json").ok().out())).size(), "nothing more registered");
    }

    @Test
    void importsAGtoRegistry(TestEnv env) {
        Cli cli = new Cli(env);
        Path reg = cli.init("reg", "--unsigned");
        Path gto = cli.work.resolve("gto");
        env.git().git(cli.work, "init", "-q", gto.toString()).ok();
        write(gto.resolve("artifacts.yaml"), "churn:\n  path: model.pkl\n");
        write(gto.resolve("model.pkl"), "weights");
        env.git().git(gto, "add", "-A").ok();
        env.git().git(gto, "commit", "-q", "-m", "train").ok();
        env.git().git(gto, "tag", "-a", "churn@v1.2.0", "-m", "Registering artifact churn version v1.2.0").ok();
        env.git().git(gto, "tag", "-a", "churn#dev#1", "-m", "Assigning stage dev").ok();
        env.git().git(gto, "tag", "-a", "churn#prod#2", "-m", "Assigning stage prod").ok();

        assertTrue(cli.in(reg, "import", "gto", gto.toString()).failsWithUsage().err().contains("--stage dev=<stage>"),
                "an unmapped stage is refused before anything is written");
        assertEquals(List.of("imported churn@v1.2.0 as churn@v1", "stage change churn@v1 -> staging (churn#dev#1)",
                "stage change churn@v1 -> production (churn#prod#2)"),
                cli.in(reg, "import", "gto", gto.toString(), "--stage", "dev=staging").ok().outLines());
        assertEquals(List.of("churn@v1"), cli.in(reg, "resolve", "churn@production").ok().outLines());
        cli.in(reg, "import", "gto", gto.toString(), "--stage", "dev").failsWithUsage();
    }
}
