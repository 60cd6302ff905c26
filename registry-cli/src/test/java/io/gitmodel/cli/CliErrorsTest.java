package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.tags;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes 1 and 2, the one-line messages on stderr, --debug, and help and version output. */
@IsolatedGit
class CliErrorsTest {
    /** Built once: a registry "reg" with fraud@v1 and fraud@v2, and model.onnx, under work/; each test gets a copy. */
    static Path template;

    Path tmp;

    Cli cli;
    Path reg;
    String c;

    @BeforeAll
    static void buildTemplate(TestEnv env) {
        template = env.dir();
        Cli t = new Cli(env);
        Path r = t.init("reg");
        Path model = write(t.work.resolve("model.onnx"), "weights v1");
        t.register(r, "fraud", "--artifact", model.toString(), "--metric", "auc=0.9");
        t.register(r, "fraud", "--artifact", model.toString(), "--metric", "auc=0.91");
    }

    @BeforeEach
    void setUp(TestEnv env) {
        tmp = env.dir();
        cli = new Cli(env);
        CliTestSupport.copyTree(template.resolve("work"), cli.work);
        reg = cli.work.resolve("reg");
        c = reg.toString();
    }

    /** Nothing was registered by a failed command: same tags, same latest. */
    private void assertUnchanged() {
        assertEquals(List.of("fraud@v1", "fraud@v2"), tags(reg));
        assertEquals("fraud@v2", cli.resolve(reg, "fraud@latest"));
    }

    // ------------------------------------------------------------------ exit 1

    @Test
    void registerWithoutArtifactsIsRefusedUnlessAskedWithAHintWhenTheNameIsAPath() throws Exception {
        java.nio.file.Files.createDirectories(cli.work.resolve("modeldir"));
        Result slip = cli.run("-C", c, "register", "modeldir").failsWithUsage();
        assertTrue(slip.err().contains("no artifact given") && slip.err().contains("--artifact modeldir")
                && slip.err().contains("--no-artifacts"), slip::toString);
        assertUnchanged();
        cli.run("-C", c, "register", "fraud", "--no-artifacts", "--artifact", "model.onnx").failsWithUsage();
        assertUnchanged();
        assertEquals("fraud@v3", cli.run("-C", c, "register", "fraud", "--no-artifacts").ok().out().strip());
    }

    @Test
    void unknownVersionIsAnError() {
        Result r = cli.run("-C", c, "resolve", "fraud@v9").failsWithError();
        assertTrue(r.err().contains("fraud") && r.err().contains("9"), r::toString);
        cli.run("-C", c, "show", "fraud@v3", "--json").failsWithError();
        cli.run("-C", c, "get", "fraud@v3").failsWithError();
        assertFalse(Files.exists(cli.work.resolve("fraud-v3")), "a failed get writes nothing");
    }

    @Test
    void unknownModelIsAnError() {
        Result r = cli.run("-C", c, "resolve", "churn@latest").failsWithError();
        assertTrue(r.err().contains("churn"), r::toString);
        cli.run("-C", c, "show", "churn@v1").failsWithError();
        cli.run("-C", c, "show", "churn@v1", "--json").failsWithError();
        cli.run("-C", c, "versions", "churn").failsWithError();
        cli.run("-C", c, "get", "churn@latest").failsWithError();
        assertFalse(Files.exists(cli.work.resolve("churn-v1")));
    }

    @Test
    void plainDirectoryIsNotARegistry() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Result r = cli.run("-C", plain.toString(), "list").failsWithError();
        assertTrue(r.err().contains(plain.toString()), r::toString);
        cli.runIn(plain, "resolve", "fraud@latest").failsWithError();
        cli.run("-C", tmp.resolve("does-not-exist").toString(), "list").failsWithError();
        cli.run("-C", plain.toString(), "register", "fraud", "--no-artifacts").failsWithError();
        assertFalse(Files.exists(plain.resolve(".git")), "register must not create a repository");
    }

    @Test
    void gitRepositoryWithoutRegistryBranchIsNotARegistry() throws Exception {
        Path repo = tmp.resolve("repo");
        Git.init().setDirectory(repo.toFile()).call().close();
        cli.run("-C", repo.toString(), "list").failsWithError();
    }

    @Test
    void missingArtifactFileIsAnErrorAndRegistersNothing() {
        Result r = cli.run("-C", c, "register", "fraud", "--artifact", "no-such-file.onnx").failsWithError();
        assertTrue(r.err().contains("no-such-file.onnx"), r::toString);
        assertUnchanged();
    }

    @Test
    void unknownParentIsAnErrorAndRegistersNothing() {
        cli.run("-C", c, "register", "fraud", "--parent", "fraud@v7", "--no-artifacts").failsWithError();
        assertUnchanged();
    }

    /** An artifact path the version does not have is "not found" (exit 1), like an unknown version. */
    @Test
    void unknownArtifactPathInGetIsReportedAndWritesNothing() {
        Result r = cli.run("-C", c, "get", "fraud@v1", "-o", "out", "model.onnx", "nope.bin");
        r.failsWithError();
        assertTrue(r.err().contains("nope.bin"), r::toString);
        assertFalse(Files.exists(cli.work.resolve("out/model.onnx")), "nothing is written when one path is unknown");
    }

    @Test
    void debugPrintsTheStackTrace() {
        Result r = cli.run("--debug", "-C", c, "resolve", "fraud@v9");
        assertEquals(1, r.exit(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertTrue(r.err().startsWith("git-model: error: "), r::toString);
        assertTrue(r.err().contains("\tat "), () -> "--debug prints the stack trace\n" + r);

        Result after = cli.run("-C", c, "resolve", "fraud@v9", "--debug");
        assertEquals(1, after.exit(), after::toString);
        assertTrue(after.err().contains("\tat "), () -> "--debug also works after the subcommand\n" + after);
    }

    @Test
    void debugDoesNotLeakIntoTheNextRun() {
        cli.run("--debug", "-C", c, "resolve", "fraud@v9");
        cli.run("-C", c, "resolve", "fraud@v9").failsWithError();
    }

    // ------------------------------------------------------------------ exit 2

    @Test
    void unknownOptionIsAUsageError() {
        Result r = cli.run("-C", c, "list", "--bogus").failsWithUsage();
        assertTrue(r.err().contains("--bogus"), r::toString);
        cli.run("--bogus", "list").failsWithUsage();
        cli.run("-C", c, "register", "fraud", "--artifcat", "model.onnx").failsWithUsage();
        assertUnchanged();
    }

    @Test
    void missingRequiredArgumentIsAUsageError() {
        Result register = cli.run("-C", c, "register").failsWithUsage();
        assertTrue(register.err().contains("<name>"), register::toString);
        Result resolve = cli.run("-C", c, "resolve").failsWithUsage();
        assertTrue(resolve.err().contains("<ref>"), resolve::toString);
        cli.run("-C", c, "show").failsWithUsage();
        cli.run("-C", c, "versions").failsWithUsage();
        cli.run("-C", c, "get").failsWithUsage();
        cli.run("-C").failsWithUsage();
        cli.run("-C", c, "register", "fraud", "--artifact").failsWithUsage();
        assertUnchanged();
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Result r = cli.run("-C", c, "frobnicate").failsWithUsage();
        assertTrue(r.err().contains("frobnicate"), r::toString);
    }

    @Test
    void noSubcommandExitsWithUsage() {
        assertEquals(2, cli.run().exit());
        assertEquals("", cli.run().out());
        assertEquals(2, cli.run("-C", c).exit());
        assertEquals(2, cli.run("-q").exit());
    }

    @Test
    void noSubcommandPrintsTheUsageMessageOnTheGivenErrWriter() {
        Result r = cli.run().failsWithUsage();
        assertTrue(r.err().contains("a command is required"), r::toString);
        cli.run("-C", c).failsWithUsage();
    }

    @Test
    void invalidModelNameIsAUsageError() {
        Path model = cli.work.resolve("model.onnx");
        Result r = cli.run("-C", c, "register", "Bad/Name", "--artifact", model.toString()).failsWithUsage();
        assertTrue(r.err().contains("Bad/Name"), r::toString);
        cli.run("-C", c, "register", "../escape", "--artifact", model.toString()).failsWithUsage();
        cli.run("-C", c, "register", "Fraud", "--artifact", model.toString()).failsWithUsage();
        cli.run("-C", c, "versions", "Bad/Name").failsWithUsage();
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud", "fraud@", "@v1", "Fraud@v1", "fraud@@v1", "fraud@v1~", "fraud@Production",
        "fraud@latest~yesterday", "bad name@v1"})
    void invalidReferenceIsAUsageError(String ref) {
        Result r = cli.run("-C", c, "resolve", ref).failsWithUsage();
        assertEquals(1, r.errLines().size(), r::toString);
        if (ref.equals("fraud")) {
            // show takes a bare model name too: its newest version (CliSuggestionsTest)
            assertEquals("fraud@v2", CliTestSupport.asMap(CliTestSupport.Json.parse(
                cli.run("-C", c, "show", ref, "--json").ok().out())).get("ref"));
        } else {
            cli.run("-C", c, "show", ref).failsWithUsage();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud@v0", "fraud@v01"})
    void versionLikeSelectorThatIsNotAVersionIsAUsageError(String ref) {
        Result r = cli.run("-C", c, "resolve", ref).failsWithUsage();
        assertTrue(r.err().contains(ref), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auc=abc", "auc=NaN", "auc=Infinity", "auc=-Infinity", "auc", "=0.5", "auc="})
    void invalidMetricIsAUsageErrorAndRegistersNothing(String metric) {
        Path model = cli.work.resolve("model.onnx");
        Result r = cli.run("-C", c, "register", "fraud", "--artifact", model.toString(), "--metric", metric).failsWithUsage();
        assertEquals(1, r.errLines().size(), r::toString);
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"noequals", "=value", "bad key=1"})
    void invalidParamOrTagIsAUsageError(String kv) {
        cli.run("-C", c, "register", "fraud", "--param", kv).failsWithUsage();
        cli.run("-C", c, "register", "fraud", "--tag", kv).failsWithUsage();
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://data/train@sha256:XYZ", "s3://data/train@sha256:ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB",
        "s3://data/train@sha256:abc"})
    void malformedDatasetDigestIsAUsageError(String dataset) {
        Result r = cli.run("-C", c, "register", "fraud", "--dataset", dataset).failsWithUsage();
        assertTrue(r.err().contains("digest"), r::toString);
        assertUnchanged();
    }

    @Test
    void invalidParentReferenceIsAUsageError() {
        cli.run("-C", c, "register", "fraud", "--parent", "fraud").failsWithUsage();
        assertUnchanged();
    }

    @Test
    void unsafeArtifactPathIsAUsageErrorOrError() {
        Path model = cli.work.resolve("model.onnx");
        Result r = cli.run("-C", c, "register", "fraud", "--artifact", "../../etc/passwd=" + model);
        assertTrue(r.exit() == 1 || r.exit() == 2, r::toString);
        assertEquals("", r.out(), r::toString);
        assertTrue(r.err().startsWith("git-model: "), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertUnchanged();
    }

    @Test
    void missingModelCardIsReportedAndRegistersNothing() {
        Result r = cli.run("-C", c, "register", "fraud", "--model-card", "no-card.md", "--no-artifacts");
        assertTrue(r.exit() == 1 || r.exit() == 2, r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("no-card.md"), r::toString);
        assertUnchanged();
    }
}
