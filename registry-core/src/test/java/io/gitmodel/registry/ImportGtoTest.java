package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GTO registries, built with the git CLI by GTO's documented tag formats, become git-model
 * history: versions in order with their semantic versions, stage changes in order, the taggers
 * and dates kept; what the registry cannot take is refused before anything is written.
 */
@IsolatedGit
class ImportGtoTest {
    private TestEnv env;
    private Path gto;
    private Registry r;
    private long clock = 1_767_225_600L; // 2026-01-01T00:00:00Z

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        gto = env.dir().resolve("gto");
        env.git().git(env.dir(), "init", "-q", gto.toString()).ok();
        r = Registry.init(env.dir().resolve("reg")).bare(true).signed(false).config(env.config()).call();
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        r.close();
    }

    /** Runs git in the GTO repository as {@code who}, one minute after the last call. */
    private void git(String who, String... args) {
        clock += 60;
        Map<String, String> env2 = new HashMap<>(env.env());
        String date = "@" + clock + " +0000";
        env2.putAll(Map.of("GIT_COMMITTER_DATE", date, "GIT_AUTHOR_DATE", date, "GIT_COMMITTER_NAME", who,
                "GIT_COMMITTER_EMAIL", who + "@example.com", "GIT_AUTHOR_NAME", who, "GIT_AUTHOR_EMAIL", who + "@example.com"));
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        new io.gitmodel.registry.testing.GitCli(env2).run(gto, command).ok();
    }

    private void commit(String weights) throws Exception {
        Files.writeString(gto.resolve("artifacts.yaml"), "churn:\n  type: model\n  path: models/churn.pkl\n  description: churn model\n");
        Files.createDirectories(gto.resolve("models"));
        Files.writeString(gto.resolve("models/churn.pkl"), weights);
        git("ann", "add", "-A");
        git("ann", "commit", "-q", "-m", "train " + weights);
    }

    private void tag(String who, String name, String message) {
        git(who, "tag", "-a", name, "-m", message);
    }

    /** A GTO history: v0.1.0 to staging, v1.0.0 to staging and prod, v0.1.0 deregistered, v1.0.0 out of staging. */
    private void history(String prodStage) throws Exception {
        commit("weights one");
        tag("ann", "churn@v0.1.0", "Registering artifact churn version v0.1.0");
        tag("bob", "churn#staging#1", "Assigning stage staging to artifact churn version v0.1.0");
        commit("weights two");
        tag("ann", "churn@v1.0.0", "Registering artifact churn version v1.0.0");
        tag("bob", "churn#staging#2", "Assigning stage staging to artifact churn version v1.0.0");
        tag("cyd", "churn#" + prodStage + "#3", "Assigning stage " + prodStage + " to artifact churn version v1.0.0");
        git("ann", "tag", "-a", "churn@v0.1.0!#", "-m", "Deregistering artifact churn version v0.1.0", "HEAD~1");
        tag("bob", "churn#staging!#4", "Unassigning stage staging from artifact churn version v1.0.0");
    }

    @Test
    void tagsBecomeVersionsAndStageChangesInOrderWithTheirAuthorsAndDates() throws Exception {
        history("prod");
        ImportGtoCommand.Result result = r.importGto(gto).call();

        assertEquals(List.of("churn@v0.1.0", "churn@v1.0.0"), List.copyOf(result.versions().keySet()));
        ModelVersion v1 = r.resolve("churn@v1");
        ModelVersion v2 = r.resolve("churn@v2");
        assertEquals("v0.1.0", v1.tags().get("gto_version"));
        assertEquals("v1.0.0", v2.tags().get("gto_version"));
        assertEquals(new Person("ann", "ann@example.com"), v2.createdBy(), "the tagger registered it");
        assertTrue(v1.created().isBefore(v2.created()) && v1.created().isAfter(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("weights two", new String(r.openArtifact(v2, "churn.pkl").readAllBytes()));
        assertEquals(List.of("churn@v1 -> staging (churn#staging#1)", "churn@v2 -> staging (churn#staging#2)",
                "churn@v2 -> production (churn#prod#3)", "churn@v1 -> archived (churn@v0.1.0!#)",
                "churn@v2 out of staging (churn#staging!#4)"), result.changes());
        assertEquals(2, r.resolve("churn@production").version());
        assertEquals(Map.of("production", List.of(2), "archived", List.of(1)), holdings());
        List<ModelEvent> history = r.history("churn");
        ModelEvent prod = history.stream().filter(e -> e.stage() != null && e.stage().value().equals("production")).findFirst()
                .orElseThrow();
        assertEquals("cyd", prod.by().name(), "the stage change is the tagger's");
        assertTrue(prod.at().isAfter(v2.created()));
        assertEquals(List.of(), r.verify().call().findings());
        env.git().git(env.dir().resolve("reg"), "fsck", "--strict").ok();

        InvalidInputException again = assertThrows(InvalidInputException.class, () -> r.importGto(gto).call());
        assertTrue(again.getMessage().contains("imported from GTO before"), again.getMessage());
    }

    private Map<String, List<Integer>> holdings() throws Exception {
        Map<String, List<Integer>> out = new HashMap<>();
        for (StageAssignment a : r.status(null)) {
            out.put(a.stage().value(), a.versions());
        }
        return out;
    }

    @Test
    void whatTheRegistryCannotTakeIsRefusedBeforeAnythingIsWritten() throws Exception {
        history("live");
        InvalidInputException unmapped = assertThrows(InvalidInputException.class, () -> r.importGto(gto).call());
        assertTrue(unmapped.getMessage().contains("'live'") && unmapped.getMessage().contains("--stage live=<stage>"),
                unmapped.getMessage());
        assertEquals(List.of(), r.models(), "nothing was imported");

        commit("weights three");
        tag("ann", "churn@v2.0.0", "Registering artifact churn version v2.0.0");
        tag("cyd", "churn#live#5", "Assigning stage live to artifact churn version v2.0.0, never in staging");
        InvalidInputException requires = assertThrows(InvalidInputException.class,
                () -> r.importGto(gto).stage("live", "production").call());
        assertTrue(requires.getMessage().contains("requires staging"), requires.getMessage());
        assertEquals(List.of(), r.models(), "nothing was imported");
    }

    @Test
    void aStageMapMakesItFit() throws Exception {
        history("live");
        ImportGtoCommand.Result result = r.importGto(gto).stage("live", "production").call();
        assertEquals(2, result.versions().size());
        assertEquals(2, r.resolve("churn@production").version());
    }
}
