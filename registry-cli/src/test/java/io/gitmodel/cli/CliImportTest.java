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
}
