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

/** lineage in its four forms, and where-used. */
@IsolatedGit
class CliLineageTest {
    static final String NOV = "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private Cli cli;
    private Path reg;

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
        reg = cli.init("reg", "--unsigned");
        Path w = write(cli.work.resolve("w.bin"), "w");
        cli.register(reg, "embedder", "--artifact", w.toString(), "--dataset", "s3://data/nov@" + NOV, "--no-source");
        cli.register(reg, "fraud", "--artifact", w.toString(), "--dataset", "s3://data/nov@" + NOV, "--parent", "embedder@v1",
                "--no-source");
        cli.register(reg, "fraud", "--artifact", w.toString(), "--parent", "fraud@v1", "--parent", "embedder@v1", "--no-source");
        cli.register(reg, "fraud-eu", "--artifact", w.toString(), "--parent", "fraud@v2", "--no-source");
        run("promote", "fraud@v1", "staging", "-m", "eval").ok();
    }

    private Result run(String... args) {
        return cli.in(reg, args);
    }

    @Test
    void theTreeShowsInputsParentsAndWhatWasBuiltOnIt() {
        List<String> lines = run("lineage", "fraud@v2").ok().outLines();
        assertTrue(lines.get(0).startsWith("fraud@v2  (commit "), lines.toString());
        assertEquals(List.of(
                "├── parent  fraud@v1",
                "│   ├── data    s3://data/nov  sha256:9f86d081884c…",
                "│   └── parent  embedder@v1",
                "│       └── data    s3://data/nov  sha256:9f86d081884c…",
                "└── parent  embedder@v1  (shown above)",
                "used by",
                "└── fraud-eu@v1"), lines.subList(1, lines.size()));
    }

    @Test
    void dotMermaidAndJsonDescribeTheSameGraph() {
        String dot = run("lineage", "fraud@v2", "--format", "dot").ok().out();
        assertTrue(dot.startsWith("digraph lineage {\n") && dot.endsWith("}\n"), dot);
        assertTrue(dot.contains("\"fraud@v1\" -> \"fraud@v2\";") && dot.contains("\"fraud@v2\" -> \"fraud-eu@v1\";"), dot);
        assertTrue(dot.contains("[label=\"s3://data/nov\\nsha256:9f86d081884c…\", shape=cylinder]"), dot);
        String mermaid = run("lineage", "fraud@v2", "--format", "mermaid").ok().out();
        assertTrue(mermaid.startsWith("graph LR\n  n0[\"fraud@v2\"]\n"), mermaid);
        assertEquals(6, mermaid.lines().filter(l -> l.contains("-->")).count(), "4 parent links, 2 data set links: " + mermaid);

        Map<String, Object> doc = asMap(Json.parse(run("lineage", "fraud@v2", "--json").ok().out()));
        assertEquals(List.of("fraud@v1", "embedder@v1"), doc.get("upstream"));
        assertEquals(List.of("fraud-eu@v1"), doc.get("downstream"));
        assertEquals(6, asList(doc.get("edges")).size(), "3 parent links up, 1 down, the data set into each of 2 versions: "
                + doc.get("edges"));
        assertEquals(doc, asMap(Json.parse(run("lineage", "fraud@v2", "--format", "json").ok().out())));
    }

    @Test
    void whereUsedListsVersionsAndTheirStages() {
        List<String> lines = run("where-used", "s3://data/nov").ok().outLines();
        assertEquals("REF          DATASET        DIGEST" + " ".repeat(67) + "STAGES", lines.get(0));
        assertTrue(lines.get(2).startsWith("fraud@v1") && lines.get(2).endsWith("staging"), lines.toString());
        List<Object> byDigest = asList(Json.parse(run("where-used", NOV.substring(7, 20), "--json").ok().out()));
        assertEquals(2, byDigest.size());
        assertEquals(List.of("staging"), asMap(byDigest.get(1)).get("stages"));
        assertTrue(run("where-used", "s3://data/none").ok().err().contains("No version was trained on s3://data/none."));
        run("lineage", "fraud@v9").failsWithError();
        run("lineage", "fraud@v1", "--format", "svg").failsWithUsage();
    }
}
