package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.UntrustedStageException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.GitPlumbing;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What stage changes mean: rollback follows the stage's own history, a release is one commit,
 * history/log/status/time-travel references agree with each other and with what the real git
 * shows of the stage branches.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@IsolatedGit
class LifecycleSemanticsTest {
    TestEnv env;
    GitCli git;
    Path dir;
    Registry r;

    @BeforeAll
    static void requireGit() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        git = env.git();
        dir = env.dir().resolve("registry.git");
        r = Registry.init(dir).bare(true).signed(false).config(env.config()).call();
    }

    @AfterEach
    void tearDown() {
        r.close();
    }

    private void register(String model, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            r.register(model).metric("auc", 0.9 + i / 100.0).description(model + " #" + (i + 1)).call();
        }
    }

    private String stdout(String... args) {
        return git.git(dir, args).ok().stdout().trim();
    }

    private String current(String ref) throws Exception {
        return r.resolve(ref).ref().toString();
    }

    @Test
    void rollbackFollowsTheStagesHistoryNotTheVersionNumbers() throws Exception {
        register("fraud", 3);
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.promote("fraud@v3", "staging").reason("eval").call();
        r.promote("fraud@v1", "production").reason("first").call();
        r.promote("fraud@v3", "production").reason("second").call();

        StageChange back = r.rollback("fraud", "production").reason("latency").call();
        assertEquals(EventAction.ROLLBACK, back.event().action());
        assertEquals(1, back.event().version(), "v3 came after v1 in production; v2 was never there");
        assertEquals(3, back.event().previousVersion());
        assertEquals("fraud@v1", current("fraud@production"));

        StageChange again = r.rollback("fraud", "production").reason("it was the network").call();
        assertEquals(3, again.event().version());
        assertEquals(1, again.event().previousVersion());
        assertEquals("fraud@v3", current("fraud@production"));
        r.rollback("fraud", "production").reason("and back").call();
        assertEquals("fraud@v1", current("fraud@production"));

        // the stage branch says the same, read by git
        assertEquals("1 3 1 3 1", stdout("log", "--reverse", "--format=%(trailers:key=Version,valueonly)",
                "stages/production", "--", "fraud.yaml").replaceAll("\\s+", " "));
        assertEquals("version: 1", Arrays.stream(stdout("show", "stages/production:fraud.yaml").split("\n"))
                .filter(l -> l.startsWith("version:")).findFirst().orElseThrow());
        // staging: v3 after v1, so its rollback goes to v1 as well
        assertEquals(1, r.rollback("fraud", "staging").reason("x").call().event().version());
    }

    @Test
    void aReleaseChangesSeveralModelsInOneCommit() throws Exception {
        register("fraud", 2);
        register("ranker", 1);
        register("embedder", 1);
        for (String ref : List.of("fraud@v1", "fraud@v2", "ranker@v1", "embedder@v1")) {
            r.promote(ref, "staging").reason("eval").call();
        }
        r.promote("fraud@v1", "production").reason("first").call();
        int before = Integer.parseInt(stdout("rev-list", "--count", "stages/production"));

        StageChange release = r.release("production", List.of("fraud@v2", "ranker@v1")).reason("ship together")
                .approvedBy("Bo Reviewer <bo@example.com>").call();

        assertEquals(before + 1, Integer.parseInt(stdout("rev-list", "--count", "stages/production")));
        assertEquals(release.commit(), stdout("rev-parse", "stages/production"));
        assertEquals(StageName.of("production"), release.stage());
        assertEquals(2, release.events().size());
        ModelEvent f = release.events().get(0);
        ModelEvent k = release.events().get(1);
        assertEquals(List.of("fraud", "ranker"), List.of(f.model().value(), k.model().value()));
        assertEquals(List.of(2, 1), List.of(f.version(), f.previousVersion()));
        assertEquals(List.of(1, 0), List.of(k.version(), k.previousVersion()));
        assertTrue(release.events().stream().allMatch(e -> e.action() == EventAction.RELEASE && e.commit().equals(release.commit())
                && e.reason().equals("ship together") && e.approvedBy().equals(List.of("Bo Reviewer <bo@example.com>"))));

        String files = stdout("show", "--format=", "--name-status", release.commit());
        assertEquals("M\tfraud.yaml\nA\tranker.yaml", files);
        String stat = stdout("show", "--stat", "--format=", release.commit());
        assertTrue(stat.contains("fraud.yaml") && stat.contains("ranker.yaml") && stat.contains("2 files changed"), stat);
        assertEquals("fraud,ranker", stdout("show", "-s", "--format=%(trailers:key=Model,valueonly,separator=%x2C)", release.commit()));
        assertEquals("2,1", stdout("show", "-s", "--format=%(trailers:key=Version,valueonly,separator=%x2C)", release.commit()));
        assertEquals("1,none", stdout("show", "-s", "--format=%(trailers:key=Previous-Version,valueonly,separator=%x2C)",
                release.commit()));
        assertEquals("release", stdout("show", "-s", "--format=%(trailers:key=Action,valueonly)", release.commit()));
        assertEquals("production", stdout("show", "-s", "--format=%(trailers:key=Stage,valueonly)", release.commit()));
        assertEquals("Bo Reviewer <bo@example.com>", stdout("show", "-s", "--format=%(trailers:key=Approved-by,valueonly)",
                release.commit()));

        assertEquals("fraud@v2", current("fraud@production"));
        assertEquals("ranker@v1", current("ranker@production"));
        assertThrows(VersionNotFoundException.class, () -> r.resolve("embedder@production"));
        // each model's history shows the release once
        assertEquals(1, r.history("fraud").stream().filter(e -> e.action() == EventAction.RELEASE).count());
        assertEquals(1, r.history("ranker").stream().filter(e -> e.action() == EventAction.RELEASE).count());
        assertEquals(0, r.history("embedder").stream().filter(e -> e.action() == EventAction.RELEASE).count());
    }

    @Test
    void historyIsOneModelsWholeLifeInTimeOrder() throws Exception {
        register("fraud", 2);
        register("ranker", 1);
        r.promote("fraud@v1", "staging").reason("eval v1").call();
        r.promote("ranker@v1", "staging").reason("other model").call();
        r.promote("fraud@v1", "production").reason("go live").approvedBy("Bo <bo@example.com>").call();
        register("fraud", 1);
        r.promote("fraud@v3", "staging").reason("eval v3").call();
        r.promote("fraud@v3", "production").reason("better").call();
        r.demote("fraud", "staging").reason("slot").call();
        r.archive("fraud@v2").reason("never used").call();

        List<ModelEvent> h = r.history("fraud");
        List<String> shape = h.stream().map(e -> e.action() + " " + (e.stage() == null ? "" : e.stage()) + " v" + e.version() + " prev" + e.previousVersion())
                .toList();
        assertEquals(List.of(
                "register  v1 prev0", "register  v2 prev0",
                "promote staging v1 prev0", "promote production v1 prev0",
                "register  v3 prev0",
                "promote staging v3 prev1", "promote production v3 prev1",
                "demote staging v3 prev3",
                "archive archived v2 prev0"), shape);
        for (int i = 1; i < h.size(); i++) {
            assertFalse(h.get(i).at().isBefore(h.get(i - 1).at()), "not in time order at " + i + ": " + h);
        }
        assertTrue(h.stream().allMatch(e -> e.model().value().equals("fraud")));
        assertTrue(h.stream().allMatch(e -> e.warnings().isEmpty()));
        ModelEvent live = h.get(3);
        assertEquals("go live", live.reason());
        assertEquals(List.of("Bo <bo@example.com>"), live.approvedBy());
        assertEquals(new Person("Ada Tester", "ada@example.com"), live.by());
        assertEquals(stdout("rev-parse", "stages/production~1"), live.commit());
        assertEquals(Instant.parse(stdout("show", "-s", "--format=%cI", live.commit())), live.at());
        assertEquals(r.resolve("fraud@v1").commit(), h.get(0).commit());
        assertEquals("fraud@v3", h.get(6).ref().toString());
    }

    @Test
    void logListsEveryModelsChangesOfOneStageOldestFirst() throws Exception {
        register("fraud", 2);
        register("ranker", 1);
        r.promote("fraud@v1", "staging").reason("a").call();
        r.promote("ranker@v1", "staging").reason("b").call();
        r.promote("fraud@v2", "staging").reason("c").call();
        r.release("staging", List.of("fraud@v1")).reason("d").call();
        List<ModelEvent> log = r.log("staging");
        assertEquals(List.of("promote fraud@v1", "promote ranker@v1", "promote fraud@v2", "release fraud@v1"),
                log.stream().map(e -> e.action() + " " + e.ref()).toList());
        assertEquals(List.of("a", "b", "c", "d"), log.stream().map(ModelEvent::reason).toList());
        List<String> commits = Arrays.asList(stdout("log", "--reverse", "--format=%H", "stages/staging").split("\n"));
        assertEquals(commits, log.stream().map(ModelEvent::commit).toList());
        assertEquals(List.of(), r.log("production"));
    }

    @Test
    void statusNowAndAtAnInstant() throws Exception {
        register("fraud", 3);
        register("ranker", 1);
        assertEquals(List.of(), r.status(null));
        StageChange s1 = r.promote("fraud@v1", "staging").reason("a").call();
        StageChange p1 = r.promote("fraud@v1", "production").reason("b").call();
        StageChange s2 = r.promote("ranker@v1", "staging").reason("c").call();
        r.promote("fraud@v2", "staging").reason("d").call();
        r.archive("fraud@v3").reason("bad").call();
        ModelName fraud = ModelName.of("fraud");
        ModelName ranker = ModelName.of("ranker");
        assertEquals(List.of(
                new StageAssignment(fraud, StageName.of("staging"), List.of(2)),
                new StageAssignment(fraud, StageName.of("production"), List.of(1)),
                new StageAssignment(fraud, StageName.of("archived"), List.of(3)),
                new StageAssignment(ranker, StageName.of("staging"), List.of(1))), r.status(null));
        Instant afterP1 = p1.event().at();
        assertEquals(List.of(
                new StageAssignment(fraud, StageName.of("staging"), List.of(1)),
                new StageAssignment(fraud, StageName.of("production"), List.of(1))), r.status(afterP1));
        assertEquals(List.of(new StageAssignment(fraud, StageName.of("staging"), List.of(1))), r.status(afterP1.minusSeconds(1)));
        assertEquals(List.of(new StageAssignment(fraud, StageName.of("staging"), List.of(1))), r.status(s1.event().at()));
        assertEquals(List.of(), r.status(s1.event().at().minusSeconds(1)));
        assertEquals(4, r.status(s2.event().at().plusSeconds(3600)).size());
    }

    @Test
    void timeTravelReferencesAnswerWithWhatTheStageHeldThen() throws Exception {
        register("fraud", 3);
        for (String ref : List.of("fraud@v1", "fraud@v2", "fraud@v3")) {
            r.promote(ref, "staging").reason("eval").call();
        }
        r.promote("fraud@v1", "production").reason("one").call();
        r.promote("fraud@v3", "production").reason("three").call();
        r.rollback("fraud", "production").reason("back").call();
        r.promote("fraud@v2", "production").reason("two").call();

        List<ModelEvent> production = r.history("fraud").stream().filter(e -> String.valueOf(e.stage()).equals("production")).toList();
        assertEquals(List.of(1, 3, 1, 2), production.stream().map(ModelEvent::version).toList());
        int previous = 0;
        for (ModelEvent e : production) {
            assertEquals("fraud@v" + e.version(), current("fraud@production~" + e.at()), "at " + e.at());
            if (previous > 0) {
                assertEquals("fraud@v" + previous, current("fraud@production~" + e.at().minusSeconds(1)), "just before " + e.at());
            }
            previous = e.version();
        }
        // other spellings of an instant: an offset, a date (start of that day in UTC)
        Instant second = production.get(1).at();
        assertEquals("fraud@v3", current("fraud@production~" + second.atOffset(java.time.ZoneOffset.ofHours(2))));
        assertEquals("fraud@v2", current("fraud@production~2026-03-15"));

        Instant first = production.get(0).at();
        VersionNotFoundException e = assertThrows(VersionNotFoundException.class,
                () -> r.resolve("fraud@production~" + first.minusSeconds(1)));
        assertTrue(e.reference().startsWith("fraud@production~"), e.reference());
        assertTrue(e.getMessage().contains("production") && e.getMessage().contains("fraud"), e.getMessage());
        assertThrows(VersionNotFoundException.class, () -> r.resolve("fraud@production~2026-03-14"));
        assertThrows(VersionNotFoundException.class, () -> r.resolve("fraud@production~2020-01-01T00:00Z"));
        // the same question asked of git: the commit in force at that instant holds that version
        String atSecond = stdout("rev-list", "-1", "--first-parent", "--before=" + second.getEpochSecond(), "stages/production");
        assertEquals(production.get(1).commit(), atSecond);
    }

    @Test
    void gitLogOfAStageFileIsThatModelsHistoryInTheStage() throws Exception {
        register("fraud", 2);
        register("ranker", 1);
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.promote("fraud@v2", "staging").reason("eval").call();
        r.promote("ranker@v1", "staging").reason("eval").call();
        r.promote("fraud@v1", "production").reason("first live").call();
        r.promote("ranker@v1", "production").reason("ranker live").call();
        r.promote("fraud@v2", "production").reason("better").approvedBy("Bo <bo@example.com>").call();
        r.demote("fraud", "production").reason("incident").call();

        String subjects = stdout("log", "--format=%s", "stages/production", "--", "fraud.yaml");
        assertEquals("demote fraud@v2 from production\npromote fraud@v2 to production\npromote fraud@v1 to production", subjects);
        String who = stdout("log", "--format=%an <%ae>|%(trailers:key=Reason,valueonly)", "stages/production", "--", "fraud.yaml");
        assertEquals("Ada Tester <ada@example.com>|incident\nAda Tester <ada@example.com>|better\n"
                + "Ada Tester <ada@example.com>|first live", who.replaceAll("\n\n", "\n"));
        List<ModelEvent> production = r.history("fraud").stream().filter(e -> String.valueOf(e.stage()).equals("production")).toList();
        List<String> commits = new ArrayList<>(Arrays.asList(stdout("log", "--format=%H", "stages/production", "--", "fraud.yaml")
                .split("\n")));
        java.util.Collections.reverse(commits);
        assertEquals(commits, production.stream().map(ModelEvent::commit).toList());
        assertEquals(List.of("promote", "promote", "demote"), production.stream().map(e -> e.action().word()).toList());
        GitCli.Result gone = git.git(dir, "cat-file", "-e", "stages/production:fraud.yaml");
        assertTrue(gone.exitCode() != 0, "a demoted model has no file on the stage branch");
        assertThrows(VersionNotFoundException.class, () -> r.resolve("fraud@production"));
    }

    @Test
    void aStageCommitDatedBeforeItsParentCarriesAWarning() throws Exception {
        register("fraud", 2);
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.promote("fraud@v2", "staging").reason("eval").call();
        StageChange live = r.promote("fraud@v1", "production").reason("live").call();
        String file = "model: fraud\nstage: production\nversion: 2\naction: promote\nreason: backdated\n"
                + "by: Mallory <mallory@example.com>\nat: '2026-03-01T00:00:00Z'\n";
        String message = "promote fraud@v2 to production\n\nbackdated\n\nAction: promote\nStage: production\nModel: fraud\n"
                + "Version: 2\nPrevious-Version: 1\nReason: backdated\n";
        String commit = new GitPlumbing(env.env(), dir).commit("stages/production", Map.of("fraud.yaml", file), message,
                Map.of("GIT_COMMITTER_DATE", "2026-03-01T00:00:00Z", "GIT_AUTHOR_DATE", "2026-03-01T00:00:00Z",
                        "GIT_COMMITTER_NAME", "Mallory", "GIT_COMMITTER_EMAIL", "mallory@example.com"));
        assertEquals(live.commit(), stdout("rev-parse", commit + "^"));

        ModelEvent forged = r.log("production").stream().filter(e -> e.commit().equals(commit)).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), forged.at());
        assertEquals(new Person("Mallory", "mallory@example.com"), forged.by());
        assertEquals(1, forged.warnings().size(), forged.warnings().toString());
        String warning = forged.warnings().get(0);
        assertTrue(warning.contains("dated before its parent") && warning.contains(commit.substring(0, 12))
                && warning.contains(live.commit().substring(0, 12)), warning);
        ModelEvent inHistory = r.history("fraud").stream().filter(e -> e.commit().equals(commit)).findFirst().orElseThrow();
        assertEquals(forged.warnings(), inHistory.warnings());
        assertTrue(r.history("fraud").stream().filter(e -> !e.commit().equals(commit)).allMatch(e -> e.warnings().isEmpty()));
        // dated well before the change it follows, the policy in force when it was made cannot be told: not trusted
        assertTrue(forged.problems().stream().anyMatch(p -> p.startsWith("date: ")), forged.problems().toString());
        UntrustedStageException untrusted = assertThrows(UntrustedStageException.class, () -> current("fraud@production"));
        // and staging held fraud@v2 only after the date it claims: the required stage was not first either
        assertEquals(List.of("date", "requires: staging"), untrusted.rules());
    }

    @Test
    void theDateWarningDoesNotDependOnWhichModelsHistoryShowsTheCommit() throws Exception {
        register("fraud", 2);
        register("ranker", 1);
        r.promote("fraud@v1", "staging").reason("eval").call();
        r.promote("fraud@v2", "staging").reason("eval").call();
        r.promote("ranker@v1", "staging").reason("eval").call();
        StageChange fraudLive = r.promote("fraud@v1", "production").reason("live").call();
        register("other", 3); // time passes
        StageChange rankerLive = r.promote("ranker@v1", "production").reason("live").call();
        Instant backdated = fraudLive.event().at().plusSeconds(1);
        assertTrue(backdated.isBefore(rankerLive.event().at()));
        String file = "model: fraud\nstage: production\nversion: 2\naction: promote\nreason: backdated\n"
                + "by: Mallory <mallory@example.com>\nat: '" + backdated + "'\n";
        String message = "promote fraud@v2 to production\n\nbackdated\n\nAction: promote\nStage: production\nModel: fraud\n"
                + "Version: 2\nPrevious-Version: 1\nReason: backdated\n";
        String commit = new GitPlumbing(env.env(), dir).commit("stages/production", Map.of("fraud.yaml", file), message,
                Map.of("GIT_COMMITTER_DATE", backdated.toString(), "GIT_AUTHOR_DATE", backdated.toString()));
        // its parent is ranker's promotion, which is dated after it
        assertEquals(rankerLive.commit(), stdout("rev-parse", commit + "^"));

        ModelEvent inLog = r.log("production").stream().filter(e -> e.commit().equals(commit)).findFirst().orElseThrow();
        assertEquals(1, inLog.warnings().size(), "log: " + inLog);
        ModelEvent inHistory = r.history("fraud").stream().filter(e -> e.commit().equals(commit)).findFirst().orElseThrow();
        assertEquals(inLog.warnings(), inHistory.warnings(), "history(fraud) judged the date against another commit than"
                + " the real parent");
    }

    @Test
    void rollingBackOneModelAfterAReleaseLeavesTheOthersAlone() throws Exception {
        register("fraud", 2);
        register("ranker", 2);
        for (String ref : List.of("fraud@v1", "fraud@v2", "ranker@v1", "ranker@v2")) {
            r.promote(ref, "staging").reason("eval").call();
        }
        r.release("production", List.of("fraud@v1", "ranker@v1")).reason("first").call();
        r.release("production", List.of("fraud@v2", "ranker@v2")).reason("second").call();
        StageChange back = r.rollback("fraud", "production").reason("fraud regressed").call();
        assertEquals(1, back.events().size());
        assertEquals(List.of(1, 2), List.of(back.event().version(), back.event().previousVersion()));
        assertEquals("fraud@v1", current("fraud@production"));
        assertEquals("ranker@v2", current("ranker@production"));
        assertEquals("fraud.yaml", stdout("show", "--format=", "--name-only", back.commit()));
    }

    @Test
    void theStageCommitRecordsWhoActed() throws Exception {
        register("fraud", 1);
        RegistryConfig bo = env.config().toBuilder().identity(new Person("Bo Operator", "bo@example.com")).build();
        try (Registry asBo = Registry.open(dir, bo)) {
            StageChange c = asBo.promote("fraud@v1", "staging").reason("on call").call();
            assertEquals(new Person("Bo Operator", "bo@example.com"), c.event().by());
        }
        assertEquals("Bo Operator <bo@example.com>", stdout("log", "-1", "--format=%cn <%ce>", "stages/staging"));
        assertEquals("Bo Operator <bo@example.com>", stdout("log", "-1", "--format=%an <%ae>", "stages/staging"));
        assertEquals(new Person("Bo Operator", "bo@example.com"), r.log("staging").get(0).by());
        assertTrue(stdout("show", "stages/staging:fraud.yaml").contains("Bo Operator <bo@example.com>"));

        // nobody configured: a clear configuration error, nothing written
        java.nio.file.Files.writeString(env.home().resolve(".gitconfig"), "");
        io.gitmodel.registry.testing.RepoState before = io.gitmodel.registry.testing.RepoState.capture(dir);
        io.gitmodel.registry.errors.RegistryConfigurationException e = assertThrows(
                io.gitmodel.registry.errors.RegistryConfigurationException.class,
                () -> r.demote("fraud", "staging").reason("x").call());
        assertTrue(e.getMessage().contains("user.name") || e.getMessage().contains("identity"), e.getMessage());
        io.gitmodel.registry.testing.RepoState.assertUnchanged(before, dir);
    }

    @Test
    void aMultiValuedStageHoldsASet() throws Exception {
        register("fraud", 3);
        r.archive("fraud@v1").reason("old").call();
        r.archive("fraud@v3").reason("old").call();
        assertEquals(List.of(new StageAssignment(ModelName.of("fraud"), StageName.of("archived"), List.of(1, 3))), r.status(null));
        assertEquals("fraud@v3", current("fraud@archived"));
        String file = stdout("show", "stages/archived:fraud.yaml");
        assertTrue(file.contains("versions:"), file);
        StageChange restore = r.restore("fraud@v3").reason("needed").call();
        assertEquals(EventAction.RESTORE, restore.event().action());
        assertEquals(3, restore.event().version());
        assertEquals(List.of(new StageAssignment(ModelName.of("fraud"), StageName.of("archived"), List.of(1))), r.status(null));
        assertEquals("restore fraud@v3 from archived", stdout("log", "-1", "--format=%s", "stages/archived"));
        assertEquals(List.of("archive", "archive", "restore"), r.log("archived").stream().map(e -> e.action().word())
                .collect(Collectors.toList()));
    }
}
