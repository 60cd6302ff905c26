package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code diff} and {@code compare} as a user sees them. */
@IsolatedGit
class CliCompareTest {
    private Cli cli;
    private Path reg;

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
        reg = cli.init("reg", "--unsigned");
        Path small = write(cli.work.resolve("small.bin"), "weights");
        Path big = write(cli.work.resolve("big.bin"), "bigger weights");
        Path card1 = write(cli.work.resolve("card1.md"), "# Fraud\n\nNovember data.\n");
        Path card2 = write(cli.work.resolve("card2.md"), "# Fraud\n\nDecember data.\n");
        cli.register(reg, "fraud", "--artifact", "model.bin=" + small, "--metric", "auc=0.91", "--metric", "loss=0.3",
                "--param", "lr=0.01", "--tag", "team=risk", "--model-card", card1.toString());
        cli.register(reg, "fraud", "--artifact", "model.bin=" + big, "--artifact", "extra.bin=" + small, "--metric", "auc=0.94",
                "--metric", "loss=0.2", "--param", "lr=0.02", "--parent", "fraud@v1", "--model-card", card2.toString());
    }

    private Result run(String... args) {
        return cli.in(reg, args);
    }

    @Test
    void diffShowsEachChangeWithItsDelta() {
        List<String> lines = run("diff", "fraud@v1", "fraud@v2").ok().outLines();
        assertEquals("fraud@v1 -> fraud@v2", lines.get(0));
        assertTrue(lines.contains("  auc   0.91 -> 0.94  (+0.03)"), lines.toString());
        assertTrue(lines.contains("  loss  0.3 -> 0.2    (-0.1)"), lines.toString());
        assertTrue(lines.contains("  team  removed (was risk)"), lines.toString());
        assertTrue(lines.contains("  fraud@v1  added"), lines.toString());
        assertTrue(lines.contains("  changed  model.bin  7 B -> 14 B  (+7 B)"), lines.toString());
        assertTrue(lines.contains("  added    extra.bin  7 B"), lines.toString());
        assertTrue(lines.contains("-November data.") && lines.contains("+December data."), lines.toString());
        assertEquals(lines, run("diff", "fraud@v2").ok().outLines(), "one reference: from the version before it");
    }

    @Test
    void diffJsonHoldsTheStructuredChanges() {
        Map<String, Object> doc = asMap(Json.parse(run("diff", "fraud@v1", "fraud@latest", "--json").ok().out()));
        assertEquals("fraud@v2", doc.get("to"));
        Map<String, Object> auc = asMap(asList(doc.get("changes")).get(0));
        assertEquals(Map.of("section", "metrics", "key", "auc", "kind", "changed", "before", 0.91, "after", 0.94, "delta", 0.03),
                auc);
        List<Object> artifacts = asList(doc.get("artifacts"));
        assertEquals("extra.bin", asMap(artifacts.get(0)).get("path"));
        assertEquals("added", asMap(artifacts.get(0)).get("kind"));
        assertTrue(doc.get("model_card").toString().contains("+December data."));
    }

    @Test
    void compareMarksTheBestValueOfEachMetric() {
        List<String> lines = run("compare", "fraud@v1", "fraud@v2").ok().outLines();
        assertTrue(lines.get(0).matches(" +fraud@v1  fraud@v2"), lines.toString());
        assertEquals("metrics", lines.get(1));
        assertTrue(lines.get(2).matches("  auc +0\\.91 +0\\.94 \\*"), lines.toString());
        assertTrue(lines.get(3).matches("  loss \\(lower is better\\) +0\\.3 +0\\.2 \\*"), lines.toString());
        assertTrue(lines.get(5).matches("  lr +0\\.01 +0\\.02"), lines.toString());
        Map<String, Object> doc = asMap(Json.parse(run("compare", "fraud@v1", "fraud@v2", "--lower-is-better", "auc", "--json").ok().out()));
        assertEquals("fraud@v1", asMap(asMap(doc.get("metrics")).get("auc")).get("best"));
        assertEquals(List.of(0.01, 0.02), asMap(doc.get("params")).get("lr"));
    }

    @Test
    void badInputIsRefusedClearly() {
        run("diff", "fraud@v1").failsWithError();
        assertTrue(run("diff", "fraud@v1").err().contains("first version of fraud"));
        run("diff", "fraud@v1", "fraud@v9").failsWithError();
        run("compare").failsWithUsage();
        run("compare", "fraud@@v1").failsWithUsage();
        assertTrue(run("compare", "fraud@v1", "nosuch@v1").failsWithError().err().contains("model nosuch does not exist"));
    }
}
