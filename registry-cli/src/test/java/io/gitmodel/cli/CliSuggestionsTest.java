package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Did you mean ...?" for mistyped commands, options, model names and stage names, with the exit
 * codes of before (2 for a wrong command line, 1 for something the registry does not have); and
 * {@code show <name>} showing the newest version.
 */
@IsolatedGit
class CliSuggestionsTest {
    /** Built once: a registry "reg" with fraud@v1, fraud@v2 (the newest, auc 0.91) and ranker@v1; each test gets a copy. */
    static Path template;

    Cli cli;
    String c;

    @BeforeAll
    static void buildTemplate(TestEnv env) {
        template = env.dir();
        Cli t = new Cli(env);
        Path r = t.init("reg", "--unsigned");
        Path model = write(t.work.resolve("model.onnx"), "weights");
        t.register(r, "fraud", "--artifact", model.toString(), "--metric", "auc=0.9");
        t.register(r, "fraud", "--artifact", model.toString(), "--metric", "auc=0.91", "--description", "the newest");
        t.register(r, "ranker", "--metric", "ndcg=0.7");
    }

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
        CliTestSupport.copyTree(template.resolve("work"), cli.work);
        c = cli.work.resolve("reg").toString();
    }

    /** The first line on stderr: the message (a usage error adds a second, "Try ... --help"). */
    private static String message(Result r) {
        return r.errLines().get(0);
    }

    // ------------------------------------------------------------------ commands and options: exit 2

    @Test
    void mistypedCommandSuggestsTheCommand() {
        Result r = cli.run("-C", c, "promte", "fraud@v1", "staging", "-m", "x").failsWithUsage();
        assertEquals("git-model: usage: 'promte' is not a git-model command; did you mean promote?", message(r), r::toString);
        assertEquals("Try 'git-model --help' for more information.", r.errLines().get(1), r::toString);
        assertTrue(message(cli.run("-C", c, "verisons", "fraud").failsWithUsage()).endsWith("did you mean versions?"));
        assertTrue(message(cli.run("-C", c, "histroy", "fraud").failsWithUsage()).endsWith("did you mean history?"));
    }

    @Test
    void mistypedOptionSuggestsTheOptionEvenWhenItsAbsenceIsWhatPicocliNoticedFirst() {
        // --reson swallows x, so --reason is missing: the typo is what the user must hear about
        Result r = cli.run("-C", c, "promote", "fraud@v1", "staging", "--reson", "x").failsWithUsage();
        assertEquals("git-model: usage: unknown option '--reson'; did you mean --reason?", message(r), r::toString);
        assertEquals("Try 'git-model promote --help' for more information.", r.errLines().get(1), r::toString);
        Result json = cli.run("-C", c, "show", "fraud@v1", "--jsno").failsWithUsage();
        assertTrue(message(json).endsWith("unknown option '--jsno'; did you mean --json?"), json::toString);
        // two letters swapped in a short option, which picocli's own proposals leave out
        Result dir = cli.run("quickstart", "--dri", "x").failsWithUsage();
        assertEquals("git-model: usage: unknown option '--dri'; did you mean --dir?", message(dir), dir::toString);
    }

    @Test
    void nothingIsSuggestedWhenNothingIsClose() {
        Result command = cli.run("-C", c, "xyzzyq").failsWithUsage();
        assertEquals("git-model: usage: 'xyzzyq' is not a git-model command", message(command), command::toString);
        Result option = cli.run("-C", c, "promote", "fraud@v1", "staging", "--zzzzzz", "x").failsWithUsage();
        assertEquals("git-model: usage: unknown option '--zzzzzz'", message(option), option::toString);
        Result model = cli.run("-C", c, "resolve", "nosuch@v1").failsWithError();
        assertFalse(model.err().contains("did you mean"), model::toString);
        Result stage = cli.run("-C", c, "resolve", "fraud@qqqqqqqq").failsWithError();
        assertFalse(stage.err().contains("did you mean"), stage::toString);
    }

    // ------------------------------------------------------------------ model and stage names: exit 1

    @Test
    void mistypedStageInAReferenceSuggestsTheCorrectedReference() {
        Result r = cli.run("-C", c, "resolve", "fraud@prodution").failsWithError();
        assertTrue(message(r).startsWith("git-model: error: stage 'prodution' does not exist"), r::toString);
        assertTrue(message(r).endsWith("; did you mean fraud@production?"), r::toString);
        Result at = cli.run("-C", c, "resolve", "fraud@prodution~2026-03-14T10:00Z").failsWithError();
        assertTrue(message(at).endsWith("; did you mean fraud@production~2026-03-14T10:00Z?"), at::toString);
        Result latest = cli.run("-C", c, "show", "fraud@lates").failsWithError();
        assertTrue(message(latest).endsWith("; did you mean fraud@latest?"), latest::toString);
    }

    @Test
    void mistypedStageArgumentSuggestsTheStage() {
        Result r = cli.run("-C", c, "promote", "fraud@v1", "stagin", "-m", "x").failsWithError();
        assertTrue(message(r).endsWith("; did you mean staging?"), r::toString);
        assertFalse(cli.run("-C", c, "status", "--json").ok().out().contains("fraud@v1"), "nothing was promoted");
    }

    @Test
    void mistypedModelNameSuggestsTheCorrectedReference() {
        Result r = cli.run("-C", c, "resolve", "fraudd@v1").failsWithError();
        assertTrue(message(r).startsWith("git-model: error: model fraudd does not exist"), r::toString);
        assertTrue(message(r).endsWith("; did you mean fraud@v1?"), r::toString);
        Result name = cli.run("-C", c, "versions", "frad").failsWithError();
        assertTrue(message(name).endsWith("; did you mean fraud?"), name::toString);
        Result show = cli.run("-C", c, "show", "rnaker").failsWithError();
        assertTrue(message(show).endsWith("; did you mean ranker?"), show::toString);
    }

    // ------------------------------------------------------------------ show <name>

    @Test
    void showOfANameIsItsNewestVersion() {
        Result text = cli.run("-C", c, "show", "fraud").ok();
        assertTrue(text.out().startsWith("fraud@v2  (commit "), text::toString);
        assertTrue(text.out().contains("the newest"), text::toString);
        assertEquals(cli.run("-C", c, "show", "fraud@latest").ok().out(), text.out());
        assertEquals("", text.err(), text::toString);

        Map<String, Object> json = asMap(Json.parse(cli.run("-C", c, "show", "fraud", "--json").ok().out()));
        assertEquals("fraud@v2", json.get("ref"));
        assertEquals(0.91, ((Number) asMap(json.get("metrics")).get("auc")).doubleValue());
        assertEquals(json, asMap(Json.parse(cli.run("-C", c, "show", "fraud@latest", "--json").ok().out())));

        String yaml = cli.run("-C", c, "show", "ranker", "--yaml").ok().out();
        assertTrue(yaml.startsWith("# ranker@v1 (commit "), yaml);
    }

    @Test
    void showOfAnUnknownNameSaysSo() {
        Result r = cli.run("-C", c, "show", "nosuch").failsWithError();
        assertEquals("git-model: error: model nosuch does not exist in " + c + "; models: fraud, ranker", message(r), r::toString);
        cli.run("-C", c, "show", "nosuch", "--json").failsWithError();
        // not a valid name at all: a usage error, as for every reference
        cli.run("-C", c, "show", "Bad/Name").failsWithUsage();
        assertEquals(1, asList(Json.parse(cli.run("-C", c, "versions", "ranker", "--json").ok().out())).size());
    }
}
