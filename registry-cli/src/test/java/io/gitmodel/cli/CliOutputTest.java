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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code --json} and {@code --yaml} on every command that prints data: one mixin, one set of
 * shapes, the same data in both formats, and the readable view when neither is given.
 */
@IsolatedGit
class CliOutputTest {
    private Cli cli;
    private Path reg;

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
        reg = cli.init("reg", "--unsigned");
        Path model = write(cli.work.resolve("model.bin"), "weights");
        cli.register(reg, "fraud", "--artifact", model.toString(), "--metric", "auc=0.91");
        cli.register(reg, "fraud", "--artifact", model.toString(), "--metric", "auc=0.94");
        run("promote", "fraud@v2", "staging", "-m", "eval passed").ok();
        run("remote", "add", "origin", "https://user:secret@models.example.com/reg.git").ok();
    }

    private Result run(String... args) {
        return cli.in(reg, args);
    }

    private static Object yaml(String text) {
        return new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    /** Every data command, with the same data in JSON and YAML. */
    @ParameterizedTest
    @ValueSource(strings = {"status", "history fraud", "log --stage staging", "remote list"})
    void jsonAndYamlCarryTheSameData(String command) {
        String[] args = command.split(" ");
        Object json = Json.parse(run(append(args, "--json")).ok().out());
        String yamlText = run(append(args, "--yaml")).ok().out();
        assertTrue(!yamlText.contains("&id") && !yamlText.contains("*id"), "plain data, no anchors or aliases:\n" + yamlText);
        Object yaml = yaml(yamlText);
        assertEquals(normalise(json), normalise(yaml), command);
        assertTrue(!asList(json).isEmpty(), command);
    }

    @Test
    void statusShapes() {
        Map<String, Object> row = asMap(asList(Json.parse(run("status", "--json").ok().out())).get(0));
        assertEquals(Map.of("model", "fraud", "stage", "staging", "versions", List.of(2L), "refs", List.of("fraud@v2")), row);
    }

    @Test
    void eventShapes() {
        List<Object> events = asList(Json.parse(run("log", "--stage", "staging", "--json").ok().out()));
        Map<String, Object> e = asMap(events.get(0));
        assertEquals(List.of("action", "model", "version", "ref", "stage", "previous_version", "reason", "approved_by", "by", "at",
                "commit", "signature", "warnings", "problems", "valid"), List.copyOf(e.keySet()));
        assertEquals("promote", e.get("action"));
        assertEquals("fraud@v2", e.get("ref"));
        assertEquals("staging", e.get("stage"));
        assertEquals("unsigned", asMap(e.get("signature")).get("status"));
        Map<String, Object> registration = asMap(asList(Json.parse(run("history", "fraud", "--json").ok().out())).get(0));
        assertEquals("register", registration.get("action"));
        assertEquals("", registration.get("stage"), "a registration has no stage");
    }

    @Test
    void remotesAreListedWithoutCredentials() {
        assertEquals(List.of(Map.of("name", "origin", "url", "https://models.example.com/reg.git")),
                Json.parse(run("remote", "list", "--json").ok().out()));
        assertEquals("origin\thttps://models.example.com/reg.git" + CliTestSupport.NL, run("remote", "list").ok().out());
    }

    @Test
    void resolvePrintsOneLineUnlessAskedForTheVersion() {
        assertEquals("fraud@v2" + CliTestSupport.NL, run("resolve", "fraud@staging").ok().out());
        Map<String, Object> json = asMap(Json.parse(run("resolve", "fraud@staging", "--json").ok().out()));
        assertEquals(Json.parse(run("show", "fraud@v2", "--json").ok().out()), json, "resolve --json is show --json");
        String yaml = run("resolve", "fraud@latest", "--yaml").ok().out();
        assertTrue(yaml.startsWith("# fraud@v2 (commit " + json.get("commit") + ")\n"), yaml);
        assertEquals(2, asMap(yaml(yaml)).get("version"));
    }

    @Test
    void versionsAsYamlAreOneModelYamlPerVersion() {
        String yaml = run("versions", "fraud", "--yaml").ok().out();
        assertEquals(2, yaml.lines().filter(l -> l.equals("---")).count(), yaml);
        assertTrue(yaml.contains("# fraud@v1 (commit ") && yaml.contains("# fraud@v2 (commit "), yaml);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "show fraud@v1", "list", "versions fraud", "history fraud", "resolve fraud@v1", "remote list",
        "signers list", "policy show", "requests"})
    void jsonAndYamlTogetherAreAUsageError(String command) {
        Result r = run(append(command.split(" "), "--json", "--yaml")).failsWithUsage();
        assertTrue(r.err().contains("--json") && r.err().contains("--yaml") && r.err().contains("mutually exclusive"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void thePolicyIsTheSameDataInBothFormats() {
        Map<String, Object> json = asMap(Json.parse(run("policy", "show", "--json").ok().out()));
        assertEquals(normalise(json), normalise(yaml(run("policy", "show", "--yaml").ok().out())));
        assertEquals(List.of(), json.get("principals"), "an --unsigned registry names no one");
        assertEquals(List.of("staging", "production", "archived"), asList(json.get("stages")).stream().map(s -> asMap(s).get("name"))
                .toList());
        assertEquals(false, asMap(asList(json.get("stages")).get(0)).get("signed"));
        List<String> human = run("policy", "show").ok().outLines();
        assertTrue(human.contains("  signers:       anyone (signatures are not required)"), human::toString);
        assertTrue(human.contains("admins:          anyone, until principals are declared (then admin)"), human::toString);
    }

    @Test
    void noRequestsAndNoSignersAreEmptyArraysInBothFormats() {
        for (String command : List.of("requests", "signers list")) {
            String[] args = command.split(" ");
            assertEquals(List.of(), Json.parse(run(append(args, "--json")).ok().out()), command);
            assertEquals(List.of(), yaml(run(append(args, "--yaml")).ok().out()), command);
        }
    }

    @Test
    void anEmptyListIsAnEmptyArrayInBothFormats() {
        Path empty = cli.init("empty", "--unsigned");
        assertEquals(List.of(), Json.parse(cli.run("-C", empty.toString(), "status", "--json").ok().out()));
        assertEquals(List.of(), yaml(cli.run("-C", empty.toString(), "status", "--yaml").ok().out()));
    }

    private static String[] append(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** YAML reads small integers as Integer, the JSON helper as Long: compare them as Long. */
    private static Object normalise(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> m = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> m.put(k, normalise(v)));
            return m;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CliOutputTest::normalise).toList();
        }
        return value;
    }
}
