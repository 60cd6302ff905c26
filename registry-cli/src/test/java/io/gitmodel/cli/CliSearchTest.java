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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** list, versions and search with --where, --sort, --limit, and --csv. */
@IsolatedGit
class CliSearchTest {
    private Cli cli;
    private Path reg;

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
        reg = cli.init("reg", "--unsigned");
        Path w = write(cli.work.resolve("w.bin"), "w");
        cli.register(reg, "fraud", "--artifact", w.toString(), "--metric", "auc=0.88", "--tag", "team=risk");
        cli.register(reg, "fraud", "--artifact", w.toString(), "--metric", "auc=0.93", "--tag", "team=risk");
        cli.register(reg, "churn", "--artifact", w.toString(), "--metric", "auc=0.91", "--tag", "team=growth",
                "--description", "Weekly churn, \"v1\"");
        run("promote", "fraud@v2", "staging", "-m", "eval").ok();
    }

    private Result run(String... args) {
        return cli.in(reg, args);
    }

    private List<String> refs(Result r) {
        return asList(Json.parse(r.ok().out())).stream().map(v -> (String) asMap(v).get("ref")).toList();
    }

    @Test
    void whereSortAndLimitChooseVersions() {
        assertEquals(List.of("churn@v1", "fraud@v2"), refs(run("list", "--where", "metrics.auc >= 0.9", "--json")));
        assertEquals(List.of("fraud@v2"), refs(run("list", "--where", "stage = 'staging'", "--json")));
        assertEquals(List.of("fraud@v2", "fraud@v1"), refs(run("versions", "fraud", "--sort", "metrics.auc", "desc", "--json")));
        assertEquals(List.of("fraud@v1"), refs(run("versions", "fraud", "--sort", "metrics.auc", "--limit", "1", "--json")));
        assertEquals(List.of("fraud@v1", "fraud@v2"), refs(run("search", "risk", "--json")), "tag values match");
        assertEquals(List.of("churn@v1"), refs(run("search", "weekly", "--json")), "descriptions match, ignoring case");
        assertEquals(List.of("fraud@v2", "churn@v1", "fraud@v1"),
                refs(run("search", "--sort", "metrics.auc", "desc", "--sort", "name", "--json")));
        assertTrue(run("search", "nothing-like-this").ok().err().contains("No version matches."));
    }

    @Test
    void csvHasAColumnPerMetricAndTag() {
        List<String> lines = run("search", "--csv").ok().outLines();
        assertEquals("ref,name,version,created,created_by,commit,size,description,metrics.auc,tags.team", lines.get(0));
        assertTrue(lines.get(1).startsWith("churn@v1,churn,1,"), lines.toString());
        assertTrue(lines.get(1).endsWith(",\"Weekly churn, \"\"v1\"\"\",0.91,growth"), lines.get(1));
        assertEquals(4, lines.size());
        assertEquals(2, run("versions", "fraud", "--csv").ok().outLines().size() - 1);
    }

    @Test
    void badQueriesAreUsageErrorsThatSayWhere() {
        Result bad = run("search", "--where", "metrics.auc >== 0.9").failsWithUsage();
        assertTrue(bad.err().contains("is invalid at column 15"), bad.toString());
        assertTrue(run("list", "--sort", "metric.auc").failsWithUsage().err().contains("did you mean metrics.auc"));
        assertTrue(run("list", "--sort", "desc").failsWithUsage().err().contains("give the field first"));
        run("search", "--limit", "-1").failsWithUsage();
        assertTrue(run("search", "--csv", "--json").failsWithUsage().err().contains("mutually exclusive"));
    }
}
