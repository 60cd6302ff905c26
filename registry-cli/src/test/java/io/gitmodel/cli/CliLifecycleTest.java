package io.gitmodel.cli;

import static io.gitmodel.cli.CliLifecycleSupport.SIGNER;
import static io.gitmodel.cli.CliLifecycleSupport.column;
import static io.gitmodel.cli.CliLifecycleSupport.configureSigning;
import static io.gitmodel.cli.CliLifecycleSupport.configureSigningLike;
import static io.gitmodel.cli.CliLifecycleSupport.firstParents;
import static io.gitmodel.cli.CliLifecycleSupport.git;
import static io.gitmodel.cli.CliLifecycleSupport.jsonObjects;
import static io.gitmodel.cli.CliLifecycleSupport.nextSecond;
import static io.gitmodel.cli.CliLifecycleSupport.onPath;
import static io.gitmodel.cli.CliLifecycleSupport.stageHeads;
import static io.gitmodel.cli.CliLifecycleSupport.table;
import static io.gitmodel.cli.CliTestSupport.NL;
import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static io.gitmodel.cli.CliTestSupport.revParse;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.CliLifecycleSupport.Git;
import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lifecycle commands of DESIGN.md "Command line": promote, demote, rollback, archive, restore,
 * release, status [--at], history, log --stage, on a registry that requires signed stage commits,
 * signed with an SSH key made by the real ssh-keygen and configured in the test's HOME as git reads it.
 */
@IsolatedGit
class CliLifecycleTest {
    private static final List<String> HISTORY_HEADER =
            List.of("WHEN", "ACTION", "VERSION", "STAGE", "PREVIOUS", "BY", "SIGNATURE", "APPROVED BY", "REASON");

    /**
     * Built once: HOME with a signing key; "reg" with fraud@v1..v3 and churn@v1; "lived", the same
     * plus a life: fraud@v1 to staging and production, a second later fraud@v2 to staging and
     * production, a second later production rolled back.
     */
    static Path template;

    Cli cli;
    Path reg;
    String c;

    @BeforeAll
    static void buildTemplate(TestEnv env) {
        assumeTrue(onPath("ssh-keygen"), "ssh-keygen is not installed");
        assumeTrue(onPath("git"), "git is not installed");
        template = env.dir();
        Cli t = new Cli(env);
        configureSigning(t);
        Path r = t.init("reg");
        Path model = write(t.work.resolve("model.onnx"), "weights");
        assertEquals("fraud@v1", t.register(r, "fraud", "--artifact", model.toString(), "--metric", "auc=0.91"));
        assertEquals("fraud@v2", t.register(r, "fraud", "--artifact", model.toString(), "--metric", "auc=0.94"));
        assertEquals("fraud@v3", t.register(r, "fraud", "--artifact", model.toString(), "--metric", "auc=0.95"));
        assertEquals("churn@v1", t.register(r, "churn", "--artifact", model.toString(), "--metric", "auc=0.80"));

        Path lived = t.work.resolve("lived");
        CliTestSupport.copyTree(r, lived);
        String l = lived.toString();
        t.run("-C", l, "promote", "fraud@v1", "staging", "-m", "offline eval passed").ok();
        t.run("-C", l, "promote", "fraud@v1", "production", "-m", "ship v1").ok();
        nextSecond();
        t.run("-C", l, "promote", "fraud@v2", "staging", "-m", "v2 looks better").ok();
        t.run("-C", l, "promote", "fraud@v2", "production", "-m", "ship v2").ok();
        nextSecond();
        t.run("-C", l, "rollback", "fraud", "production", "-m", "latency spike").ok();
    }

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
        configureSigningLike(cli, template.resolve("home"));
        reg = cli.work.resolve("reg");
        CliTestSupport.copyTree(template.resolve("work/reg"), reg);
        c = reg.toString();
    }

    /** A copy of the "lived" registry, made the current {@link #reg}. */
    private Path lived() {
        reg = cli.work.resolve("lived");
        CliTestSupport.copyTree(template.resolve("work/lived"), reg);
        c = reg.toString();
        return reg;
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("-C", c));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private String head(String stage) {
        return revParse(reg, "refs/heads/stages/" + stage);
    }

    /** Asserts the note a stage change prints on stderr: the stage commit and its verified signature. */
    private static void assertStageNote(Result r, String stage, String commit, String signature) {
        assertEquals(List.of("Stage commit " + commit.substring(0, 12) + " on stages/" + stage + " (" + signature + ")"),
                r.errLines(), r::toString);
    }

    // ------------------------------------------------------------------ promote

    @Test
    void promoteToStagingThenProductionThenResolve() {
        Result staging = run("promote", "fraud@v1", "staging", "-m", "ok").ok();
        assertEquals("promoted fraud@v1 to staging" + NL, staging.out());
        assertStageNote(staging, "staging", head("staging"), "good ssh " + SIGNER);

        Result production = run("promote", "fraud@v1", "production", "-m", "ok").ok();
        assertEquals("promoted fraud@v1 to production" + NL, production.out());
        assertStageNote(production, "production", head("production"), "good ssh " + SIGNER);

        assertEquals("fraud@v1" + NL, run("resolve", "fraud@production").ok().out());
        assertEquals("fraud@v1" + NL, run("resolve", "fraud@staging").ok().out());
        assertEquals(1, firstParents(reg, "stages/production").size(), "one commit per stage change");
        assertEquals(1, firstParents(reg, "stages/staging").size());
    }

    @Test
    void productionRequiresStagingAndAFailedPromotionChangesNothing() {
        run("promote", "fraud@v1", "staging", "-m", "ok").ok();
        run("promote", "fraud@v1", "production", "-m", "ok").ok();
        Map<String, String> before = stageHeads(reg);

        Result r = run("promote", "fraud@v2", "production", "-m", "skip staging").failsWithError();
        assertTrue(r.err().contains("staging"), r::toString);
        assertTrue(r.err().contains("fraud@v2"), r::toString);

        assertEquals(before, stageHeads(reg), "no stage branch moved");
        assertEquals("fraud@v1" + NL, run("resolve", "fraud@production").ok().out());
    }

    @Test
    void promoteResolvesLatestAndNamesTheVersionItReplaced() {
        assertEquals("promoted fraud@v3 to staging" + NL, run("promote", "fraud@latest", "staging", "-m", "newest").ok().out());
        assertEquals("promoted fraud@v1 to staging (was fraud@v3)" + NL,
                run("promote", "fraud@v1", "staging", "--reason", "back to v1").ok().out());
        assertEquals("fraud@v1", cli.resolve(reg, "fraud@staging"));
    }

    @Test
    void longFormsOfTheReason() {
        run("promote", "fraud@v1", "staging", "--reason", "long form").ok();
        run("promote", "fraud@v2", "staging", "--reason=with equals").ok();
        run("promote", "fraud@v3", "staging", "-m=short with equals").ok();
        List<Map<String, Object>> log = jsonObjects(run("log", "--stage", "staging", "--json").ok());
        assertEquals(List.of("long form", "with equals", "short with equals"), column(log, "reason"));
    }

    @Test
    void quietPrintsOnlyTheOutcome() {
        Result r = cli.run("-q", "-C", c, "promote", "fraud@v1", "staging", "-m", "ok").ok();
        assertEquals("promoted fraud@v1 to staging" + NL, r.out());
        assertEquals("", r.err());
        Result after = run("demote", "fraud", "staging", "-m", "ok", "-q").ok();
        assertEquals("demoted fraud@v1 from staging" + NL, after.out());
        assertEquals("", after.err(), "-q also works after the subcommand");
    }

    @Test
    void theRegistryComesFromTheWorkingDirectoryOrTheEnvironment() {
        assertEquals("promoted fraud@v1 to staging" + NL,
                cli.runIn(reg, "promote", "fraud@v1", "staging", "-m", "from the working tree").ok().out());
        cli.env.put("GIT_MODEL_REGISTRY", c);
        assertEquals("promoted fraud@v1 to production" + NL,
                cli.run("promote", "fraud@v1", "production", "-m", "from GIT_MODEL_REGISTRY").ok().out());
        assertEquals("fraud@v1" + NL, cli.run("resolve", "fraud@production").ok().out());
    }

    // ------------------------------------------------------------------ rollback, demote, archive, restore

    @Test
    void rollbackPutsBackTheVersionTheStageHeldBefore() {
        run("promote", "fraud@v1", "staging", "-m", "x").ok();
        run("promote", "fraud@v1", "production", "-m", "x").ok();
        run("promote", "fraud@v3", "staging", "-m", "x").ok();
        run("promote", "fraud@v3", "production", "-m", "x").ok();
        String before = head("production");

        Result r = run("rollback", "fraud", "production", "-m", "x").ok();
        assertEquals("rolled back production to fraud@v1 (was fraud@v3)" + NL, r.out(),
                "the stage's own history decides, not version minus one");
        assertStageNote(r, "production", head("production"), "good ssh " + SIGNER);
        assertEquals("fraud@v1", cli.resolve(reg, "fraud@production"));
        List<RevCommit> chain = firstParents(reg, "stages/production");
        assertEquals(3, chain.size());
        assertEquals(before, chain.get(0).getParent(0).name(), "one commit on top of the previous head");
        assertEquals("fraud@v3", cli.resolve(reg, "fraud@staging"), "rollback changes only the stage it names");
    }

    @Test
    void demoteLeavesTheStageWithoutTheModel() {
        run("promote", "fraud@v1", "staging", "-m", "x").ok();
        run("promote", "churn@v1", "staging", "-m", "x").ok();

        Result r = run("demote", "fraud", "staging", "-m", "x").ok();
        assertEquals("demoted fraud@v1 from staging" + NL, r.out());
        assertStageNote(r, "staging", head("staging"), "good ssh " + SIGNER);
        Result gone = run("resolve", "fraud@staging").failsWithError();
        assertTrue(gone.err().contains("staging"), gone::toString);
        assertEquals("churn@v1", cli.resolve(reg, "churn@staging"), "other models stay");
        assertEquals(List.of("churn"), column(jsonObjects(run("status", "--json").ok()), "model"));
    }

    @Test
    void archiveAfterLeavingProductionThenRestore() {
        run("promote", "fraud@v1", "staging", "-m", "x").ok();
        run("promote", "fraud@v1", "production", "-m", "x").ok();
        run("promote", "fraud@v2", "staging", "-m", "x").ok();
        run("promote", "fraud@v2", "production", "-m", "x").ok();

        Result archived = run("archive", "fraud@v1", "-m", "retired").ok();
        assertEquals("archived fraud@v1" + NL, archived.out());
        assertStageNote(archived, "archived", head("archived"), "good ssh " + SIGNER);
        assertEquals("fraud@v1", cli.resolve(reg, "fraud@archived"));
        assertEquals("fraud@v1", cli.resolve(reg, "fraud@v1"), "an archived version is kept");

        Result refused = run("promote", "fraud@v1", "staging", "-m", "again").failsWithError();
        assertTrue(refused.err().contains("archived") && refused.err().contains("restore"), refused::toString);

        Result restored = run("restore", "fraud@v1", "-m", "needed again").ok();
        assertEquals("restored fraud@v1 from archived" + NL, restored.out());
        run("resolve", "fraud@archived").failsWithError();
        assertEquals("promoted fraud@v1 to staging (was fraud@v2)" + NL,
                run("promote", "fraud@v1", "staging", "-m", "again").ok().out());
    }

    @Test
    void archiveHoldsASetOfVersions() {
        run("archive", "fraud@v1", "-m", "old").ok();
        run("archive", "fraud@v2", "-m", "old").ok();
        Map<String, Object> row = asMap(asList(Json.parse(run("status", "--json").ok().out())).get(0));
        assertEquals("archived", row.get("stage"));
        assertEquals(List.of(1L, 2L), row.get("versions"));
        assertEquals(List.of("fraud@v1", "fraud@v2"), row.get("refs"));
        List<Map<String, String>> rows = table(run("status").ok(), "MODEL", "STAGE", "VERSION");
        assertEquals(List.of(Map.of("MODEL", "fraud", "STAGE", "archived", "VERSION", "v1, v2")), rows);

        assertEquals("restored fraud@v1 from archived" + NL, run("restore", "fraud@v1", "-m", "back").ok().out());
        assertEquals(List.of(2L), asMap(asList(Json.parse(run("status", "--json").ok().out())).get(0)).get("versions"));
    }

    // ------------------------------------------------------------------ release

    @Test
    void releaseMovesSeveralModelsInOneCommit() {
        run("promote", "fraud@v1", "staging", "-m", "x").ok();
        run("promote", "fraud@v1", "production", "-m", "x").ok();
        run("promote", "fraud@v2", "staging", "-m", "x").ok();
        run("promote", "churn@v1", "staging", "-m", "x").ok();
        String before = head("production");
        String stagingBefore = head("staging");

        Result r = run("release", "production", "fraud@v2", "churn@v1", "-m", "joint release").ok();
        assertEquals("released fraud@v2 to production (was fraud@v1)" + NL + "released churn@v1 to production" + NL, r.out());
        assertStageNote(r, "production", head("production"), "good ssh " + SIGNER);

        List<RevCommit> chain = firstParents(reg, "stages/production");
        assertEquals(2, chain.size(), "ONE commit for the whole release");
        assertEquals(before, chain.get(0).getParent(0).name());
        assertEquals(stagingBefore, head("staging"), "only the released stage moves");
        assertEquals("fraud@v2", cli.resolve(reg, "fraud@production"));
        assertEquals("churn@v1", cli.resolve(reg, "churn@production"));

        // the same, as the real git sees it
        assertEquals("2", git(cli, reg, "rev-list", "--count", "stages/production").out().strip());
        Git files = git(cli, reg, "show", "--name-only", "--format=", "stages/production");
        assertEquals(Set.of("churn.yaml", "fraud.yaml"), new TreeSet<>(files.out().strip().lines().toList()), files::toString);
        Git models = git(cli, reg, "log", "-1", "--format=%(trailers:key=Model,valueonly)", "stages/production");
        assertEquals(List.of("fraud", "churn"), models.out().strip().lines().toList(), models::toString);

        List<Map<String, Object>> log = jsonObjects(run("log", "--stage", "production", "--json").ok());
        Map<String, Object> last = log.get(log.size() - 1);
        assertEquals("release", last.get("action"));
        assertEquals(chain.get(0).name(), last.get("commit"));
        assertEquals(List.of("release", "release"), column(log.subList(1, 3), "action"));
        assertEquals(Set.of("fraud@v2", "churn@v1"), Set.copyOf(column(log.subList(1, 3), "ref")));
        assertEquals(List.of(chain.get(0).name(), chain.get(0).name()), column(log.subList(1, 3), "commit"));
    }

    @Test
    void aReleaseIsLoggedInTheOrderItWasMade() {
        run("promote", "fraud@v2", "staging", "-m", "x").ok();
        run("promote", "churn@v1", "staging", "-m", "x").ok();
        Result r = run("release", "production", "fraud@v2", "churn@v1", "-m", "joint release").ok();
        assertEquals("released fraud@v2 to production" + NL + "released churn@v1 to production" + NL, r.out());
        List<Map<String, Object>> log = jsonObjects(run("log", "--stage", "production", "--json").ok());
        assertEquals(List.of("fraud@v2", "churn@v1"), column(log, "ref"), "as printed by release and as in the commit's trailers");
    }

    // ------------------------------------------------------------------ status

    @Test
    void statusPrintsATableAndJson() {
        lived();
        run("promote", "churn@v1", "staging", "-m", "x").ok();
        run("archive", "fraud@v3", "-m", "never shipped").ok();

        List<Map<String, String>> rows = table(run("status").ok(), "MODEL", "STAGE", "VERSION");
        assertEquals(List.of(
                row("churn", "staging", "v1"),
                row("fraud", "staging", "v2"),
                row("fraud", "production", "v1"),
                row("fraud", "archived", "v3")), rows, "sorted by model, then by the stages' order in registry.yaml");

        Result json = run("status", "--json").ok();
        assertEquals("", json.err());
        List<Map<String, Object>> status = jsonObjects(json);
        assertEquals(4, status.size());
        for (Map<String, Object> o : status) {
            assertEquals(List.of("model", "stage", "versions", "refs"), List.copyOf(o.keySet()));
        }
        assertEquals(Map.of("model", "fraud", "stage", "production", "versions", List.of(1L), "refs", List.of("fraud@v1")),
                status.get(2));
        assertEquals(List.of("churn", "fraud", "fraud", "fraud"), column(status, "model"));
        assertEquals(List.of("staging", "staging", "production", "archived"), column(status, "stage"));
    }

    @Test
    void statusOfARegistryWithoutStageChangesIsEmpty() {
        Result r = run("status").ok();
        assertEquals("", r.out());
        assertEquals("[]", run("status", "--json").ok().out().strip());
    }

    @Test
    void statusAtAnInstantShowsThePast() {
        lived();
        List<Map<String, Object>> production = new ArrayList<>();
        for (Map<String, Object> e : jsonObjects(run("history", "fraud", "--json").ok())) {
            if (e.get("stage").equals("production")) {
                production.add(e);
            }
        }
        assertEquals(List.of("promote", "promote", "rollback"), column(production, "action"));
        Instant first = Instant.parse((String) production.get(0).get("at"));
        Instant second = Instant.parse((String) production.get(1).get("at"));
        Instant third = Instant.parse((String) production.get(2).get("at"));
        assertTrue(first.isBefore(second) && second.isBefore(third), production::toString);

        Instant between = first.plusMillis(500);
        assertTrue(between.isBefore(second));
        assertEquals(List.of(row("fraud", "staging", "v1"), row("fraud", "production", "v1")),
                table(run("status", "--at", between.toString()).ok(), "MODEL", "STAGE", "VERSION"));
        assertEquals(List.of(row("fraud", "staging", "v2"), row("fraud", "production", "v2")),
                table(run("status", "--at", second.toString()).ok(), "MODEL", "STAGE", "VERSION"));
        String secondInParis = second.atOffset(ZoneOffset.ofHours(1)).toString();
        assertTrue(secondInParis.endsWith("+01:00"), secondInParis);
        assertEquals(List.of(row("fraud", "staging", "v2"), row("fraud", "production", "v2")),
                table(run("status", "--at", secondInParis).ok(), "MODEL", "STAGE", "VERSION"), "an offset is honoured");
        assertEquals(List.of(row("fraud", "staging", "v2"), row("fraud", "production", "v1")),
                table(run("status").ok(), "MODEL", "STAGE", "VERSION"), "now: after the rollback");

        List<Map<String, Object>> past = jsonObjects(run("status", "--at", between.toString(), "--json").ok());
        assertEquals(List.of(List.of("fraud@v1"), List.of("fraud@v1")), column(past, "refs"));

        assertEquals("fraud@v1", cli.resolve(reg, "fraud@production~" + between));
        assertEquals("fraud@v2", cli.resolve(reg, "fraud@production~" + second));

        Result before = run("status", "--at", "2000-01-01").ok();
        assertEquals("", before.out(), "nothing was in any stage then");
        assertEquals("[]", run("status", "--at", "2000-01-01T00:00Z", "--json").ok().out().strip());
    }

    // ------------------------------------------------------------------ history, log

    @Test
    void historyTableListsTheModelsLifeInTimeOrder() {
        lived();
        Result r = run("history", "fraud").ok();
        assertEquals("", r.err());
        List<Map<String, String>> rows = table(r, HISTORY_HEADER.toArray(String[]::new));
        List<String> summary = new ArrayList<>();
        for (Map<String, String> row : rows) {
            summary.add(String.join(" ", row.get("ACTION"), row.get("VERSION"), row.get("STAGE"), row.get("PREVIOUS")).strip());
        }
        assertEquals(List.of(
                "register fraud@v1",
                "register fraud@v2",
                "register fraud@v3",
                "promote fraud@v1 staging",
                "promote fraud@v1 production",
                "promote fraud@v2 staging v1",
                "promote fraud@v2 production v1",
                "rollback fraud@v1 production v2"), summary, r::toString);
        List<Instant> when = rows.stream().map(row -> Instant.parse(row.get("WHEN"))).toList();
        for (int i = 1; i < when.size(); i++) {
            assertFalse(when.get(i).isBefore(when.get(i - 1)), "time order\n" + r);
        }
        for (Map<String, String> row : rows) {
            assertEquals("Ada Tester", row.get("BY"));
            assertEquals(row.get("ACTION").equals("register") ? "" : "good ssh " + SIGNER, row.get("SIGNATURE"), r::toString);
        }
        assertEquals("latency spike", rows.get(7).get("REASON"));
        assertEquals("offline eval passed", rows.get(3).get("REASON"));
    }

    @Test
    void historyJsonHasEveryFieldAndVerifiedSignatures() {
        lived();
        Result r = run("history", "fraud", "--json").ok();
        assertEquals("", r.err());
        List<Map<String, Object>> events = jsonObjects(r);
        assertEquals(List.of("register", "register", "register", "promote", "promote", "promote", "promote", "rollback"),
                column(events, "action"));
        for (Map<String, Object> e : events) {
            for (String key : List.of("action", "model", "version", "ref", "stage", "previous_version", "reason", "approved_by",
                    "by", "at", "commit", "signature", "warnings")) {
                assertTrue(e.containsKey(key), () -> "missing " + key + " in " + e);
            }
            assertEquals("fraud", e.get("model"));
            assertEquals("Ada Tester <ada@example.com>", e.get("by"));
            assertTrue(((String) e.get("commit")).matches("[0-9a-f]{40}"), e::toString);
            assertEquals(List.of(), e.get("warnings"));
            Map<String, Object> sig = asMap(e.get("signature"));
            if (e.get("action").equals("register")) {
                assertEquals("", e.get("stage"));
                assertNull(e.get("previous_version"));
                assertEquals("unsigned", sig.get("status"));
            } else {
                assertEquals("good", sig.get("status"), e::toString);
                assertEquals(Boolean.TRUE, sig.get("allowed"), e::toString);
                assertEquals("ssh", sig.get("format"));
                assertEquals(SIGNER, sig.get("signer"));
                assertTrue(((String) sig.get("fingerprint")).startsWith("SHA256:"), sig::toString);
            }
        }
        Map<String, Object> promoteV2 = events.get(6);
        assertEquals("fraud@v2", promoteV2.get("ref"));
        assertEquals(2L, promoteV2.get("version"));
        assertEquals("production", promoteV2.get("stage"));
        assertEquals(1L, promoteV2.get("previous_version"));
        assertEquals("ship v2", promoteV2.get("reason"));

        Map<String, Object> rollback = events.get(7);
        assertEquals("fraud@v1", rollback.get("ref"));
        assertEquals("production", rollback.get("stage"));
        assertEquals(2L, rollback.get("previous_version"));
        assertEquals("latency spike", rollback.get("reason"));
        assertEquals(head("production"), rollback.get("commit"), "the event names its stage commit");
        assertNull(events.get(3).get("previous_version"), "fraud@v1 entered an empty staging");
        assertEquals(revParse(reg, "refs/tags/fraud@v1^{commit}"), events.get(0).get("commit"), "a registration names its commit");
    }

    @Test
    void logListsOneStagesChanges() {
        lived();
        run("promote", "churn@v1", "staging", "-m", "churn candidate").ok();

        List<Map<String, Object>> production = jsonObjects(run("log", "--stage", "production", "--json").ok());
        assertEquals(List.of("production", "production", "production"), column(production, "stage"));
        assertEquals(List.of("promote", "promote", "rollback"), column(production, "action"));
        assertEquals(List.of("fraud@v1", "fraud@v2", "fraud@v1"), column(production, "ref"));
        assertEquals(List.of("ship v1", "ship v2", "latency spike"), column(production, "reason"));
        List<String> commits = new ArrayList<>();
        for (RevCommit commit : firstParents(reg, "stages/production")) {
            commits.add(0, commit.name());
        }
        assertEquals(commits, column(production, "commit"));

        List<Map<String, Object>> staging = jsonObjects(run("log", "--stage", "staging", "--json").ok());
        assertEquals(List.of("fraud@v1", "fraud@v2", "churn@v1"), column(staging, "ref"), "every model of the stage");

        Result table = run("log", "--stage", "production").ok();
        List<Map<String, String>> rows = table(table, HISTORY_HEADER.toArray(String[]::new));
        assertEquals(List.of("promote", "promote", "rollback"), rows.stream().map(row -> row.get("ACTION")).toList());
        assertEquals(List.of("production", "production", "production"), rows.stream().map(row -> row.get("STAGE")).toList());

        assertEquals("[]", run("log", "--stage", "archived", "--json").ok().out().strip(), "a declared stage never used");
    }

    @Test
    void approvalsAndMultiLineReasonsAreRecorded() {
        run("promote", "fraud@v1", "staging", "-m", "first line\nsecond line",
                "--approved-by", "Bo Reviewer <bo@example.com>", "--approved-by", "Cy Lead <cy@example.com>").ok();
        Map<String, Object> event = jsonObjects(run("log", "--stage", "staging", "--json").ok()).get(0);
        assertEquals("first line\nsecond line", event.get("reason"));
        assertEquals(List.of("Bo Reviewer <bo@example.com>", "Cy Lead <cy@example.com>"), event.get("approved_by"));
        assertEquals("first line", table(run("history", "fraud").ok(), HISTORY_HEADER.toArray(String[]::new))
                .get(3).get("REASON"), "the table shows the first line");
        String message = firstParents(reg, "stages/staging").get(0).getFullMessage();
        assertTrue(message.contains("\nApproved-by: Bo Reviewer <bo@example.com>\nApproved-by: Cy Lead <cy@example.com>\n"), message);
        assertTrue(message.contains("\nReason: first line second line\n"), message);
    }

    @Test
    void aReasonOfSeveralParagraphsIsKeptWhole() {
        String reason = "Latency spike in eu-west.\n\nSee incident 42.";
        run("promote", "fraud@v1", "staging", "-m", reason).ok();
        Map<String, Object> event = jsonObjects(run("log", "--stage", "staging", "--json").ok()).get(0);
        assertEquals(reason, event.get("reason"));
        assertEquals(reason, jsonObjects(run("history", "fraud", "--json").ok()).get(3).get("reason"));
    }

    // ------------------------------------------------------------------ the real git

    @Test
    void gitVerifyCommitAcceptsTheStageCommits() {
        run("promote", "fraud@v1", "staging", "-m", "x").ok();
        run("promote", "fraud@v1", "production", "-m", "x").ok();
        Git v = git(cli, reg, "verify-commit", "stages/production");
        assertEquals(0, v.exit(), v::toString);
        assertTrue(v.err().contains("Good \"git\" signature for " + SIGNER), v::toString);

        lived();
        for (String stage : List.of("staging", "production")) {
            Git marks = git(cli, reg, "log", "--format=%G?", "stages/" + stage);
            assertEquals(0, marks.exit(), marks::toString);
            List<String> lines = marks.out().strip().lines().toList();
            assertEquals(firstParents(reg, "stages/" + stage).size(), lines.size());
            assertTrue(lines.stream().allMatch("G"::equals), () -> "every commit has a good signature\n" + marks);
            for (RevCommit commit : firstParents(reg, "stages/" + stage)) {
                Git one = git(cli, reg, "verify-commit", commit.name());
                assertEquals(0, one.exit(), one::toString);
            }
        }
    }

    // ------------------------------------------------------------------ help

    @ParameterizedTest
    @ValueSource(strings = {"promote", "demote", "rollback", "archive", "restore", "release"})
    void stageCommandsHaveHelpThatNamesTheReason(String command) {
        Result r = cli.run(command, "--help").ok();
        assertTrue(r.out().contains("Usage: git-model " + command), r::toString);
        assertTrue(r.out().contains("-m, --reason=<reason>"), r::toString);
        assertTrue(r.out().contains("--signing-key=<key>"), r::toString);
        assertTrue(r.out().contains("--approved-by=<person>"), r::toString);
        assertEquals("", r.err());
        assertEquals(r.out(), cli.run("help", command).ok().out());
        assertTrue(cli.run(command, "-h").ok().out().contains("Usage:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "history", "log"})
    void readCommandsHaveHelp(String command) {
        Result r = cli.run(command, "--help").ok();
        assertTrue(r.out().contains("Usage: git-model " + command), r::toString);
        assertTrue(r.out().contains("--json"), r::toString);
        assertFalse(r.out().contains("--reason"), r::toString);
        assertEquals("", r.err());
        if (command.equals("status")) {
            assertTrue(r.out().contains("--at=<instant>"), r::toString);
        }
        if (command.equals("log")) {
            assertTrue(r.out().contains("--stage=<stage>"), r::toString);
        }
    }

    @Test
    void rootHelpListsTheLifecycleCommands() {
        String out = cli.run("--help").ok().out();
        for (String command : List.of("promote", "demote", "rollback", "archive", "restore", "release", "status", "history", "log")) {
            assertTrue(out.contains("  " + command + " "), () -> command + "\n" + out);
        }
    }

    private static Map<String, String> row(String model, String stage, String version) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MODEL", model);
        m.put("STAGE", stage);
        m.put("VERSION", version);
        return m;
    }
}
