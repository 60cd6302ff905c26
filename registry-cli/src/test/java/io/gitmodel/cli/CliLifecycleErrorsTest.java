package io.gitmodel.cli;

import static io.gitmodel.cli.CliLifecycleSupport.allowedSigners;
import static io.gitmodel.cli.CliLifecycleSupport.column;
import static io.gitmodel.cli.CliLifecycleSupport.configureSigning;
import static io.gitmodel.cli.CliLifecycleSupport.firstParents;
import static io.gitmodel.cli.CliLifecycleSupport.git;
import static io.gitmodel.cli.CliLifecycleSupport.jsonObjects;
import static io.gitmodel.cli.CliLifecycleSupport.onPath;
import static io.gitmodel.cli.CliLifecycleSupport.sshKeygen;
import static io.gitmodel.cli.CliLifecycleSupport.stageHeads;
import static io.gitmodel.cli.CliTestSupport.NL;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.CliLifecycleSupport.Git;
import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lifecycle commands' failures: exit 2 with a usage message for a wrong command line
 * (missing -m, invalid reference, stage name or instant), exit 1 with one line for everything the
 * registry refuses (unknown stage or version, stage rules, no signing key), and in every case
 * no stage branch moved. Also: signing with --signing-key only, and registries made with
 * {@code init --unsigned}, which need no key.
 */
@IsolatedGit
class CliLifecycleErrorsTest {
    /**
     * Built once, in a HOME without any signing configuration: "reg", a registry requiring signed
     * stage commits, and "open", made with init --unsigned; both with fraud@v1..v3 and churn@v1.
     */
    static Path template;

    Cli cli;
    /** Signatures required. */
    Path reg;
    /** Made with init --unsigned. */
    Path open;

    @BeforeAll
    static void buildTemplate(TestEnv env) {
        template = env.dir();
        Cli t = new Cli(env);
        Path model = write(t.work.resolve("model.onnx"), "weights");
        for (Path r : List.of(t.init("reg"), t.init("open", "--unsigned"))) {
            for (String name : List.of("fraud", "fraud", "fraud", "churn")) {
                t.register(r, name, "--artifact", model.toString(), "--metric", "auc=0.9");
            }
        }
    }

    @BeforeEach
    void setUp(TestEnv env) {
        cli = new Cli(env);
        CliTestSupport.copyTree(template.resolve("work"), cli.work);
        reg = cli.work.resolve("reg");
        open = cli.work.resolve("open");
    }

    private Result in(Path registry, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", registry.toString()));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private static List<String> words(String commandLine) {
        return List.of(commandLine.split(" "));
    }

    // ------------------------------------------------------------------ exit 2: the command line

    @ParameterizedTest
    @ValueSource(strings = {
        "promote fraud@v1 staging",
        "demote fraud staging",
        "rollback fraud production",
        "archive fraud@v1",
        "restore fraud@v1",
        "release production fraud@v1 churn@v1"})
    void theReasonIsRequired(String commandLine) {
        Result r = in(open, words(commandLine).toArray(String[]::new)).failsWithUsage();
        assertTrue(r.err().contains("--reason"), r::toString);
        String command = commandLine.split(" ")[0];
        assertEquals(List.of("Try 'git-model " + command + " --help' for more information."),
                r.errLines().subList(1, r.errLines().size()), r::toString);
        assertEquals(Map.of(), stageHeads(open), "nothing was written");
    }

    @Test
    void aReasonMustHaveAValueAndText() {
        in(open, "promote", "fraud@v1", "staging", "-m").failsWithUsage();
        Result empty = in(open, "promote", "fraud@v1", "staging", "-m", "").failsWithUsage();
        assertTrue(empty.err().contains("reason"), empty::toString);
        assertEquals(1, empty.errLines().size(), empty::toString);
        in(open, "promote", "fraud@v1", "staging", "--reason", " \n ").failsWithUsage();
        Result control = in(open, "promote", "fraud@v1", "staging", "-m", "bell\u0007").failsWithUsage();
        assertTrue(control.err().contains("U+0007"), control::toString);
        assertEquals(Map.of(), stageHeads(open));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "promote fraud staging",
        "promote fraud@v0 staging",
        "promote fraud@v01 staging",
        "promote fraud@@v1 staging",
        "promote Fraud@v1 staging",
        "promote ../fraud@v1 staging",
        "archive fraud",
        "restore fraud@v-1",
        "release production fraud@v1 fraud@v2",
        "demote Fraud staging",
        "rollback fraud/x production"})
    void invalidReferencesAndNamesAreUsageErrors(String commandLine) {
        List<String> args = new ArrayList<>(words(commandLine));
        args.addAll(List.of("-m", "x"));
        in(open, args.toArray(String[]::new)).failsWithUsage();
        assertEquals(Map.of(), stageHeads(open));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Prod", "latest", "v2", "-x", "staging!"})
    void invalidStageNamesAreUsageErrors(String stage) {
        in(open, "promote", "fraud@v1", stage, "-m", "x").failsWithUsage();
        in(open, "rollback", "fraud", stage, "-m", "x").failsWithUsage();
        in(open, "log", "--stage", stage).failsWithUsage();
        assertEquals(Map.of(), stageHeads(open));
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        in(open, "promote", "fraud@v1", "staging", "extra", "-m", "x").failsWithUsage();
        in(open, "promote", "fraud@v1", "-m", "x").failsWithUsage();
        in(open, "promote", "fraud@v1", "staging", "-m", "x", "--force").failsWithUsage();
        in(open, "release", "production", "-m", "x").failsWithUsage();
        in(open, "archive", "-m", "x").failsWithUsage();
        in(open, "demote", "fraud", "-m", "x").failsWithUsage();
        assertEquals(Map.of(), stageHeads(open));
    }

    @Test
    void statusAtNeedsAnInstant() {
        Result r = in(open, "status", "--at", "notadate").failsWithUsage();
        assertTrue(r.err().contains("notadate"), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        in(open, "status", "--at", "").failsWithUsage();
        in(open, "status", "--at", "2026-13-01").failsWithUsage();
        in(open, "status", "--at", "2026-03-14T10:00").failsWithUsage();
        in(open, "status", "--at", "notadate", "--json").failsWithUsage();
        in(open, "status", "--at").failsWithUsage();
        in(open, "resolve", "fraud@production~notadate").failsWithUsage();
    }

    @Test
    void logNeedsAStageAndHistoryAModel() {
        Result log = in(open, "log").failsWithUsage();
        assertTrue(log.err().contains("--stage"), log::toString);
        in(open, "log", "--json").failsWithUsage();
        in(open, "history").failsWithUsage();
        in(open, "history", "Fraud!").failsWithUsage();
        Result unknown = in(open, "history", "nope").failsWithError();
        assertTrue(unknown.err().contains("nope"), unknown::toString);
    }

    // ------------------------------------------------------------------ exit 1: the registry refuses

    @Test
    void unknownStagesAreErrors() {
        Result r = in(open, "promote", "fraud@v1", "qa", "-m", "x").failsWithError();
        assertTrue(r.err().contains("'qa'") && r.err().contains("staging, production, archived"), r::toString);
        in(open, "demote", "fraud", "qa", "-m", "x").failsWithError();
        in(open, "rollback", "fraud", "qa", "-m", "x").failsWithError();
        in(open, "release", "qa", "fraud@v1", "-m", "x").failsWithError();
        in(open, "log", "--stage", "qa").failsWithError();
        in(open, "resolve", "fraud@qa").failsWithError();
        assertEquals(Map.of(), stageHeads(open));
    }

    @Test
    void unknownVersionsAndModelsAreErrors() {
        Result v = in(open, "promote", "fraud@v9", "staging", "-m", "x").failsWithError();
        assertTrue(v.err().contains("fraud") && v.err().contains("9"), v::toString);
        Result m = in(open, "promote", "nope@v1", "staging", "-m", "x").failsWithError();
        assertTrue(m.err().contains("nope"), m::toString);
        in(open, "archive", "fraud@v9", "-m", "x").failsWithError();
        in(open, "release", "staging", "fraud@v1", "nope@v1", "-m", "x").failsWithError();
        in(open, "rollback", "nope", "production", "-m", "x").failsWithError();
        in(open, "demote", "nope", "staging", "-m", "x").failsWithError();
        assertEquals(Map.of(), stageHeads(open));
    }

    @Test
    void notARegistryIsAnError() throws Exception {
        Path plain = Files.createDirectories(cli.work.resolve("plain"));
        in(plain, "promote", "fraud@v1", "staging", "-m", "x").failsWithError();
        in(plain, "status").failsWithError();
        in(plain, "history", "fraud").failsWithError();
        in(plain, "log", "--stage", "production").failsWithError();
    }

    @Test
    void stageRulesAreErrorsAndChangeNothing() {
        in(open, "promote", "fraud@v1", "staging", "-m", "x").ok();
        Map<String, String> before = stageHeads(open);

        Result again = in(open, "promote", "fraud@v1", "staging", "-m", "x").failsWithError();
        assertTrue(again.err().contains("already"), again::toString);
        Result noPrevious = in(open, "rollback", "fraud", "staging", "-m", "x").failsWithError();
        assertTrue(noPrevious.err().contains("demote"), () -> "suggests what to do instead\n" + noPrevious);
        Result empty = in(open, "rollback", "fraud", "production", "-m", "x").failsWithError();
        assertTrue(empty.err().contains("production"), empty::toString);
        in(open, "demote", "fraud", "production", "-m", "x").failsWithError();
        in(open, "demote", "fraud@v2", "staging", "-m", "x").failsWithError();
        Result inService = in(open, "archive", "fraud@v1", "-m", "x").failsWithError();
        assertTrue(inService.err().contains("staging") && inService.err().contains("demote"), inService::toString);
        Result notArchived = in(open, "restore", "fraud@v2", "-m", "x").failsWithError();
        assertTrue(notArchived.err().contains("archived"), notArchived::toString);
        assertEquals(before, stageHeads(open), "no stage branch moved");
    }

    @Test
    void archivedVersionsStayOutOfStagesUntilRestored() {
        in(open, "promote", "fraud@v1", "staging", "-m", "x").ok();
        in(open, "promote", "fraud@v1", "production", "-m", "x").ok();
        in(open, "promote", "fraud@v2", "staging", "-m", "x").ok();
        Result inProduction = in(open, "archive", "fraud@v1", "-m", "x").failsWithError();
        assertTrue(inProduction.err().contains("production") && inProduction.err().contains("demote"), inProduction::toString);

        in(open, "archive", "fraud@v3", "-m", "x").ok();
        Map<String, String> before = stageHeads(open);
        Result twice = in(open, "archive", "fraud@v3", "-m", "x").failsWithError();
        assertTrue(twice.err().contains("already archived"), twice::toString);
        Result promote = in(open, "promote", "fraud@v3", "staging", "-m", "x").failsWithError();
        assertTrue(promote.err().contains("git-model restore fraud@v3"), promote::toString);
        in(open, "release", "staging", "fraud@v3", "churn@v1", "-m", "x").failsWithError();
        in(open, "rollback", "fraud", "archived", "-m", "x").failsWithError();
        Result restoreLatest = in(open, "restore", "fraud", "-m", "x").failsWithUsage();
        assertTrue(restoreLatest.err().contains("fraud@v3"), () -> "names a version to restore\n" + restoreLatest);
        assertEquals(before, stageHeads(open));
    }

    @Test
    void aReleaseIsAllOrNothing() {
        in(open, "promote", "fraud@v1", "staging", "-m", "x").ok();
        in(open, "promote", "fraud@v1", "production", "-m", "x").ok();
        in(open, "promote", "fraud@v2", "staging", "-m", "x").ok();
        Map<String, String> before = stageHeads(open);

        Result r = in(open, "release", "production", "fraud@v2", "churn@v1", "-m", "x").failsWithError();
        assertTrue(r.err().contains("churn@v1") && r.err().contains("staging"), r::toString);
        assertEquals(before, stageHeads(open), "fraud@v2 was fine, but nothing moved");
        assertEquals("fraud@v1", cli.resolve(open, "fraud@production"));
        in(open, "resolve", "churn@production").failsWithError();

        Result same = in(open, "release", "production", "fraud@v1", "-m", "x").failsWithError();
        assertTrue(same.err().contains("already"), same::toString);
        in(open, "release", "archived", "fraud@v3", "-m", "x").failsWithError();
        assertEquals(before, stageHeads(open));
    }

    // ------------------------------------------------------------------ signing

    @Test
    void signingRequiredButNoKeyIsOneClearError() {
        for (String commandLine : List.of("promote fraud@v1 staging", "archive fraud@v1", "release staging fraud@v1 churn@v1")) {
            List<String> args = new ArrayList<>(words(commandLine));
            args.addAll(List.of("-m", "x"));
            Result r = in(reg, args.toArray(String[]::new)).failsWithError();
            assertTrue(r.err().contains("user.signingKey"), r::toString);
            assertTrue(r.err().contains("--signing-key"), r::toString);
            assertTrue(r.err().contains("init --unsigned"), r::toString);
        }
        assertEquals(Map.of(), stageHeads(reg), "no unsigned commit was written");
    }

    @Test
    void aMissingSigningKeyFileIsOneClearError() {
        assumeTrue(onPath("ssh-keygen"), "ssh-keygen is not installed");
        configureSigning(cli);
        Path missing = cli.home.resolve(".ssh/nope");
        Result r = in(reg, "promote", "fraud@v1", "staging", "-m", "x", "--signing-key", missing.toString()).failsWithError();
        assertTrue(r.err().contains(missing.toString()), r::toString);
        assertEquals(Map.of(), stageHeads(reg));
    }

    @Test
    void signingKeyOptionSignsWithoutGitConfiguration() throws Exception {
        assumeTrue(onPath("ssh-keygen"), "ssh-keygen is not installed");
        Path key = sshKeygen(cli.home.resolve(".ssh/id"));
        assertTrue(Files.readString(cli.home.resolve(".gitconfig"), StandardCharsets.UTF_8).indexOf("signingKey") < 0);

        Result r = in(reg, "promote", "fraud@v1", "staging", "-m", "signed by option", "--signing-key", key.toString()).ok();
        assertEquals("promoted fraud@v1 to staging" + NL, r.out());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("Stage commit ") && r.err().contains(" on stages/staging ("), r::toString);
        Result tilde = in(reg, "promote", "fraud@v1", "production", "-m", "~ is HOME", "--signing-key", "~/.ssh/id").ok();
        assertEquals("promoted fraud@v1 to production" + NL, tilde.out());

        for (String stage : List.of("staging", "production")) {
            RevCommit commit = firstParents(reg, "stages/" + stage).get(0);
            byte[] signature = commit.getRawGpgSignature();
            assertNotNull(signature, "the stage commit is signed");
            assertTrue(new String(signature, StandardCharsets.US_ASCII).startsWith("-----BEGIN SSH SIGNATURE-----"));
        }
        // without gpg.ssh.allowedSignersFile the signature cannot be checked, and history says so
        Map<String, Object> event = jsonObjects(in(reg, "log", "--stage", "staging", "--json").ok()).get(0);
        assertEquals("unverified", asMap(event.get("signature")).get("status"), event::toString);
        assertEquals(Boolean.FALSE, asMap(event.get("signature")).get("allowed"));

        // the real git accepts it given the allowed signers
        assumeTrue(onPath("git"), "git is not installed");
        Path allowed = allowedSigners(key, cli.base.resolve("allowed_signers"));
        Git v = git(cli, reg, "-c", "gpg.ssh.allowedSignersFile=" + allowed, "verify-commit", "stages/production");
        assertEquals(0, v.exit(), v::toString);
    }

    @Test
    void anUnsignedRegistryNeedsNoKey() {
        Result r = in(open, "promote", "fraud@v1", "staging", "-m", "no key").ok();
        assertEquals("promoted fraud@v1 to staging" + NL, r.out());
        String commit = CliTestSupport.revParse(open, "refs/heads/stages/staging");
        assertEquals("Stage commit " + commit.substring(0, 12) + " on stages/staging (unsigned)" + NL, r.err());
        in(open, "promote", "fraud@v1", "production", "-m", "x").ok();
        in(open, "promote", "fraud@v2", "staging", "-m", "x").ok();
        in(open, "promote", "fraud@v2", "production", "-m", "x").ok();
        assertEquals("rolled back production to fraud@v1 (was fraud@v2)" + NL,
                in(open, "rollback", "fraud", "production", "-m", "x").ok().out());
        assertEquals("archived fraud@v3" + NL, in(open, "archive", "fraud@v3", "-m", "x").ok().out());
        assertEquals("restored fraud@v3 from archived" + NL, in(open, "restore", "fraud@v3", "-m", "x").ok().out());
        in(open, "promote", "churn@v1", "staging", "-m", "x").ok();
        in(open, "release", "production", "fraud@v2", "churn@v1", "-m", "x").ok();
        assertEquals("demoted fraud@v2 from staging" + NL, in(open, "demote", "fraud", "staging", "-m", "x").ok().out());

        List<Map<String, Object>> history = jsonObjects(in(open, "history", "fraud", "--json").ok());
        assertEquals(List.of("register", "register", "register"), column(history.subList(0, 3), "action"));
        for (Map<String, Object> e : history) {
            Map<String, Object> signature = asMap(e.get("signature"));
            assertEquals("unsigned", signature.get("status"), e::toString);
            assertEquals(Boolean.FALSE, signature.get("allowed"));
        }
        assertTrue(history.stream().anyMatch(e -> e.get("action").equals("release")), history::toString);

        if (onPath("git")) {
            Git v = git(cli, open, "verify-commit", "stages/production");
            assertNotEquals(0, v.exit(), () -> "an unsigned commit does not verify\n" + v);
        }
    }

    @Test
    void anUnsignedRegistryStillSignsWhenAKeyIsConfigured() {
        assumeTrue(onPath("ssh-keygen"), "ssh-keygen is not installed");
        configureSigning(cli);
        Result r = in(open, "promote", "fraud@v1", "staging", "-m", "x").ok();
        assertTrue(r.err().contains("(good ssh ada@example.com)"), r::toString);
    }

    @Test
    void anApprovalCannotInjectTrailers() {
        Result r = in(open, "promote", "fraud@v1", "staging", "-m", "x", "--approved-by",
                "Bo <bo@example.com>\nApproved-by: Cy <cy@example.com>\nModel: churn\nVersion: 1\nPrevious-Version: none");
        List<Map<String, Object>> log = jsonObjects(in(open, "log", "--stage", "staging", "--json").ok());
        if (r.exit() == 0) {
            assertEquals(List.of("fraud@v1"), column(log, "ref"), () -> "no forged event for churn\n" + log);
            assertEquals(1, ((List<?>) log.get(0).get("approved_by")).size(), () -> "one flag, one approval\n" + log);
        } else {
            r.failsWithUsage();
            assertEquals(List.of(), log);
        }
        in(open, "resolve", "churn@staging").failsWithError();
    }
}
