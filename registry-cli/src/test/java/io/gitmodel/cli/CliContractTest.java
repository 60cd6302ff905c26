package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.NL;
import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static io.gitmodel.cli.CliTestSupport.fileAt;
import static io.gitmodel.cli.CliTestSupport.filesUnder;
import static io.gitmodel.cli.CliTestSupport.path;
import static io.gitmodel.cli.CliTestSupport.randomBytes;
import static io.gitmodel.cli.CliTestSupport.read;
import static io.gitmodel.cli.CliTestSupport.revParse;
import static io.gitmodel.cli.CliTestSupport.sha256;
import static io.gitmodel.cli.CliTestSupport.tags;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scriptable contract of DESIGN.md "Command line": what scripts may rely on, exactly. */
@IsolatedGit
class CliContractTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final byte[] MODEL_V1 = randomBytes(1, 4096);
    private static final byte[] MODEL_V2 = randomBytes(2, 10_000);

    /** Built once: a registry with fraud@v1 and fraud@v2; tests that need it get a copy. */
    static Path template;

    Path tmp;

    Cli cli;

    @BeforeAll
    static void buildTemplate(TestEnv env) {
        template = env.dir();
        Cli t = new Cli(env);
        Path reg = t.init("reg");
        Path m1 = write(t.work.resolve("train1/model.onnx"), MODEL_V1);
        Path m2 = write(t.work.resolve("train2/model.onnx"), MODEL_V2);
        assertEquals("fraud@v1", t.register(reg, "fraud", "--artifact", m1.toString(), "--metric", "auc=0.91",
                "--description", "first"));
        assertEquals("fraud@v2", t.register(reg, "fraud", "--artifact", m2.toString(), "--metric", "auc=0.94",
                "--description", "second"));
    }

    @BeforeEach
    void setUp(TestEnv env) {
        tmp = env.dir();
        cli = new Cli(env);
    }

    /** A registry "reg" under the working directory with fraud@v1 and fraud@v2, one artifact each (model.onnx). */
    private Path registryWithTwoVersions() {
        Path reg = cli.work.resolve("reg");
        CliTestSupport.copyTree(template.resolve("work/reg"), reg);
        return reg;
    }

    // ------------------------------------------------------------------ init

    @Test
    void initCreatesARegistryWithAWorkingTree() {
        Result r = cli.run("init", "reg").ok();
        assertEquals("", r.out(), "init prints nothing on stdout");
        assertTrue(r.err().contains("Initialized git-model registry"), r::toString);
        Path reg = cli.work.resolve("reg");
        assertTrue(Files.isDirectory(reg.resolve(".git")));
        assertTrue(Files.isRegularFile(reg.resolve("registry.yaml")), "the registry branch is checked out");
        assertEquals("fraud@v1", cli.register(reg, "fraud", "--artifact",
                write(cli.work.resolve("m.bin"), "x").toString()));
    }

    @Test
    void initBareCreatesABareRepository() {
        cli.run("init", "--bare", "server.git").ok();
        Path reg = cli.work.resolve("server.git");
        assertTrue(Files.isRegularFile(reg.resolve("HEAD")), "a bare repository has HEAD at its top");
        assertTrue(Files.isDirectory(reg.resolve("objects")));
        assertFalse(Files.exists(reg.resolve(".git")));
        assertFalse(Files.exists(reg.resolve("registry.yaml")), "no working tree");
        try (Repository repo = CliTestSupport.openRepository(reg)) {
            assertTrue(repo.isBare());
        }
        assertEquals("fraud@v1", cli.register(reg, "fraud", "--artifact",
                write(cli.work.resolve("m.bin"), "x").toString()));
        assertEquals("fraud@v1", cli.resolve(reg, "fraud@latest"));
    }

    @Test
    void initTwiceIsFineAndKeepsVersions() {
        Path reg = registryWithTwoVersions();
        cli.run("init", "reg").ok();
        cli.run("init", "reg").ok();
        assertEquals("fraud@v2", cli.resolve(reg, "fraud@latest"));
        cli.run("init", "--bare", "bare.git").ok();
        cli.run("init", "--bare", "bare.git").ok();
    }

    @Test
    void initWithoutDirUsesDashCOrTheWorkingDirectory() throws Exception {
        Path here = Files.createDirectories(cli.work.resolve("here"));
        cli.runIn(here, "init").ok();
        assertTrue(Files.isRegularFile(here.resolve("registry.yaml")));
        cli.run("-C", "there", "init").ok();
        assertTrue(Files.isRegularFile(cli.work.resolve("there/registry.yaml")));
    }

    @Test
    void initInAnExistingGitRepositoryLeavesHeadAlone() throws Exception {
        Path project = cli.work.resolve("project");
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("trunk").call()) {
            write(project.resolve("train.py"), "print('hi')\n");
            git.add().addFilepattern("train.py").call();
            PersonIdent who = new PersonIdent("Ada Tester", "ada@example.com");
            git.commit().setMessage("code").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        cli.run("init", "project").ok();
        try (Repository repo = CliTestSupport.openRepository(project)) {
            assertEquals("refs/heads/trunk", repo.exactRef("HEAD").getTarget().getName());
            assertTrue(repo.exactRef("refs/heads/main") != null, "the registry branch was added");
        }
        assertEquals("print('hi')\n", Files.readString(project.resolve("train.py")));
    }

    // ------------------------------------------------------------------ register

    @Test
    void registerPrintsExactlyTheNewRefOnStdoutAndDetailsOnStderr() {
        Path reg = cli.init("reg");
        Path model = write(cli.work.resolve("model.onnx"), MODEL_V1);
        Result first = cli.run("-C", reg.toString(), "register", "fraud", "--artifact", model.toString()).ok();
        assertEquals("fraud@v1" + NL, first.out());
        assertTrue(first.err().contains("Registered fraud@v1"), first::toString);
        assertTrue(first.err().contains("1 artifact"), first::toString);

        Result second = cli.run("-C", reg.toString(), "register", "fraud", "--artifact", model.toString()).ok();
        assertEquals("fraud@v2" + NL, second.out());
        assertEquals(List.of("fraud@v1", "fraud@v2"), tags(reg));
    }

    @Test
    void quietRegisterPrintsOnlyTheRef() {
        Path reg = cli.init("reg");
        Path model = write(cli.work.resolve("model.onnx"), MODEL_V1);
        Result r = cli.run("-q", "-C", reg.toString(), "register", "fraud", "--artifact", model.toString()).ok();
        assertEquals("fraud@v1" + NL, r.out());
        assertEquals("", r.err());
        Result after = cli.run("-C", reg.toString(), "register", "fraud", "-q", "--artifact", model.toString()).ok();
        assertEquals("fraud@v2" + NL, after.out());
        assertEquals("", after.err(), "-q also works after the subcommand");
        assertEquals("", cli.run("--quiet", "init", "other").ok().err());
    }

    @Test
    void registerWithoutArtifactsIsAllowed() {
        Path reg = cli.init("reg");
        Result r = cli.run("-C", reg.toString(), "register", "fraud", "--metric", "auc=0.5", "--no-artifacts").ok();
        assertEquals("fraud@v1" + NL, r.out());
        assertEquals(List.of(), asList(cli.showJson(reg, "fraud@v1").get("artifacts")));
    }

    @Test
    void artifactsFromAFileADirectoryAndAPathEqualsFile() {
        Path reg = cli.init("reg");
        Path file = write(cli.work.resolve("model.onnx"), MODEL_V1);
        Path dir = cli.work.resolve("tokenizer");
        byte[] vocab = "a\nb\nc\n".getBytes();
        byte[] merges = randomBytes(3, 777);
        write(dir.resolve("vocab.txt"), vocab);
        write(dir.resolve("sub/merges.bin"), merges);
        Path weights = write(cli.work.resolve("w.bin"), MODEL_V2);

        assertEquals("fraud@v1", cli.register(reg, "fraud", "--artifact", file.toString(), "-a", dir.toString(),
                "--artifact", "weights/final.bin=" + weights));

        Map<String, Object> json = cli.showJson(reg, "fraud@v1");
        Map<String, Map<String, Object>> byPath = new LinkedHashMap<>();
        for (Object a : asList(json.get("artifacts"))) {
            byPath.put((String) asMap(a).get("path"), asMap(a));
        }
        assertEquals(Set.of("model.onnx", "vocab.txt", "sub/merges.bin", "weights/final.bin"), byPath.keySet());
        assertEquals("sha256:" + sha256(MODEL_V1), byPath.get("model.onnx").get("oid"));
        assertEquals((long) MODEL_V1.length, byPath.get("model.onnx").get("size"));
        assertEquals("sha256:" + sha256(merges), byPath.get("sub/merges.bin").get("oid"));
        assertEquals((long) merges.length, byPath.get("sub/merges.bin").get("size"));
        assertEquals("sha256:" + sha256(MODEL_V2), byPath.get("weights/final.bin").get("oid"));
        assertEquals("text/plain", byPath.get("vocab.txt").get("media_type"));

        Path out = cli.work.resolve("out");
        cli.run("-C", reg.toString(), "get", "fraud@v1", "-o", out.toString()).ok();
        assertArrayEquals(MODEL_V1, read(out.resolve("model.onnx")));
        assertArrayEquals(vocab, read(out.resolve("vocab.txt")));
        assertArrayEquals(merges, read(out.resolve("sub/merges.bin")));
        assertArrayEquals(MODEL_V2, read(out.resolve("weights/final.bin")));
    }

    @Test
    void artifactPathsAreResolvedAgainstTheWorkingDirectory() {
        Path reg = cli.init("reg");
        write(cli.work.resolve("build/model.onnx"), MODEL_V1);
        Result r = cli.run("-C", "reg", "register", "fraud", "--artifact", "build/model.onnx",
                "--artifact", "copy/model.onnx=build/model.onnx").ok();
        assertEquals("fraud@v1" + NL, r.out());
        List<Object> artifacts = asList(cli.showJson(reg, "fraud@v1").get("artifacts"));
        assertEquals(2, artifacts.size());
    }

    @Test
    void registerRecordsMetricsParamsTagsLineageDescriptionAndModelCard() {
        Path reg = registryWithTwoVersions();
        Path card = write(cli.work.resolve("card.md"), "# fraud\n\nScores card transactions.\n");
        String ref = cli.register(reg, "fraud",
                "--artifact", write(cli.work.resolve("model.onnx"), MODEL_V2).toString(),
                "--metric", "auc=0.95", "--metric", "loss=1", "--metric", "delta=-2.5e-3",
                "--param", "shuffle=true", "--param", "early=false", "--param", "epochs=10", "--param", "lr=0.01",
                "--param", "algorithm=abc", "--param", "label=text with spaces",
                "--tag", "team=risk", "--tag", "owner=ada@example.com",
                "--dataset", "s3://data/train-2026-11@" + DIGEST, "--dataset", "file:///data/holdout.csv",
                "--parent", "fraud@v1",
                "--description", "adds merchant risk",
                "--library", "torch=2.3.1", "--library", "numpy=1.26.4",
                "--model-card", card.toString(),
                "--no-source");
        assertEquals("fraud@v3", ref);

        Map<String, Object> v = cli.showJson(reg, "fraud@v3");
        assertEquals("fraud@v3", v.get("ref"));
        assertEquals("fraud", v.get("name"));
        assertEquals(3L, v.get("version"));
        assertEquals("adds merchant risk", v.get("description"));

        Map<String, Object> metrics = asMap(v.get("metrics"));
        assertEquals(0.95, metrics.get("auc"));
        assertEquals(1.0, metrics.get("loss"), "metrics are numbers; 1 is written as a JSON number 1.0");
        assertEquals(-0.0025, metrics.get("delta"));

        Map<String, Object> params = asMap(v.get("params"));
        assertEquals(Boolean.TRUE, params.get("shuffle"));
        assertEquals(Boolean.FALSE, params.get("early"));
        assertEquals(10L, params.get("epochs"), "an integer stays an integer");
        assertInstanceOf(Long.class, params.get("epochs"));
        assertEquals(0.01, params.get("lr"));
        assertInstanceOf(Double.class, params.get("lr"));
        assertEquals("abc", params.get("algorithm"));
        assertEquals("text with spaces", params.get("label"));

        assertEquals(Map.of("team", "risk", "owner", "ada@example.com"), asMap(v.get("tags")));

        Map<String, Object> lineage = asMap(v.get("lineage"));
        List<Object> datasets = asList(lineage.get("datasets"));
        assertEquals(2, datasets.size());
        assertEquals("s3://data/train-2026-11", path(datasets.get(0), "uri"));
        assertEquals(DIGEST, path(datasets.get(0), "digest"));
        assertEquals("file:///data/holdout.csv", path(datasets.get(1), "uri"));
        assertFalse(asMap(datasets.get(1)).containsKey("digest"), "a data set without digest has none");
        assertEquals(List.of("fraud@v1"), lineage.get("parents"));
        assertFalse(lineage.containsKey("code"), "--no-source records no source code");
        Map<String, Object> libraries = asMap(path(lineage, "environment", "libraries"));
        assertEquals("2.3.1", libraries.get("torch"));
        assertEquals("1.26.4", libraries.get("numpy"));

        assertEquals("# fraud\n\nScores card transactions.\n", fileAt(reg, "fraud@v3", "models/fraud/README.md"));
    }

    @Test
    void paramValuesKeepTheirType() {
        Path reg = cli.init("reg");
        cli.register(reg, "fraud", "--param", "expr=a=b", "--param", "neg=-3", "--param", "zero=0", "--param", "sci=1e-3",
                "--param", "empty=", "--param", "word=True", "--param", "version=1.2.3");
        Map<String, Object> params = asMap(cli.showJson(reg, "fraud@v1").get("params"));
        assertEquals("a=b", params.get("expr"), "only the first '=' separates key and value");
        assertEquals(-3L, params.get("neg"));
        assertEquals(0L, params.get("zero"));
        assertEquals(0.001, params.get("sci"));
        assertEquals("", params.get("empty"));
        assertEquals("True", params.get("word"), "only lowercase true/false are booleans");
        assertEquals("1.2.3", params.get("version"));
    }

    @Test
    void registerRecordsTheSourceRepositoryAroundTheWorkingDirectoryUnlessNoSource() throws Exception {
        Path reg = cli.init("reg");
        Path project = cli.work.resolve("project");
        String head;
        try (Git git = Git.init().setDirectory(project.toFile()).call()) {
            write(project.resolve("train.py"), "print('train')\n");
            git.add().addFilepattern("train.py").call();
            PersonIdent who = new PersonIdent("Ada Tester", "ada@example.com");
            head = git.commit().setMessage("code").setAuthor(who).setCommitter(who).setSign(false).call().name();
        }
        write(project.resolve("model.onnx"), MODEL_V1);

        Result withSource = cli.runIn(project, "-C", reg.toString(), "register", "fraud", "--artifact", "model.onnx").ok();
        assertEquals("fraud@v1" + NL, withSource.out());
        Map<String, Object> code = asMap(path(cli.showJson(reg, "fraud@v1"), "lineage", "code"));
        assertEquals(head, code.get("commit"));
        assertEquals(Boolean.FALSE, code.get("dirty"), "untracked files do not make the source dirty");

        cli.runIn(project, "-C", reg.toString(), "register", "fraud", "--artifact", "model.onnx", "--no-source").ok();
        assertFalse(asMap(path(cli.showJson(reg, "fraud@v2"), "lineage")).containsKey("code"));
    }

    @Test
    void registerRecordsWhoRegisteredFromGitConfig() {
        Path reg = registryWithTwoVersions();
        assertEquals("Ada Tester <ada@example.com>", cli.showJson(reg, "fraud@v1").get("created_by"));
    }

    // ------------------------------------------------------------------ resolve

    @Test
    void resolvePrintsExactlyOneCanonicalRef() {
        Path reg = registryWithTwoVersions();
        assertEquals("fraud@v2" + NL, cli.run("-C", reg.toString(), "resolve", "fraud@latest").ok().out());
        assertEquals("fraud@v1" + NL, cli.run("-C", reg.toString(), "resolve", "fraud@v1").ok().out());
        assertEquals("fraud@v2" + NL, cli.run("-C", reg.toString(), "resolve", "fraud@v2").ok().out());
        Result r = cli.run("-C", reg.toString(), "resolve", "fraud@latest").ok();
        assertEquals("", r.err(), "resolve prints nothing else");
    }

    // ------------------------------------------------------------------ registry selection

    @Test
    void dashCWorksBeforeOrAfterTheSubcommand() {
        Path reg = registryWithTwoVersions();
        Result before = cli.run("-C", reg.toString(), "list").ok();
        Result after = cli.run("list", "-C", reg.toString()).ok();
        assertTrue(before.out().contains("fraud"), before::toString);
        assertEquals(before.out(), after.out());
        assertEquals("fraud@v2" + NL, cli.run("resolve", "fraud@latest", "-C", reg.toString()).ok().out());
        assertEquals("fraud@v2" + NL, cli.run("resolve", "-C", reg.toString(), "fraud@latest").ok().out());
    }

    @Test
    void longRegistryOptionAndRelativePaths() {
        registryWithTwoVersions();
        assertEquals("fraud@v2" + NL, cli.run("--registry", "reg", "resolve", "fraud@latest").ok().out());
        assertEquals("fraud@v2" + NL, cli.run("resolve", "fraud@latest", "--registry", "reg").ok().out());
        assertEquals("fraud@v2" + NL, cli.run("--registry=reg", "resolve", "fraud@latest").ok().out());
        assertEquals("fraud@v1" + NL, cli.run("-Creg", "resolve", "fraud@v1").ok().out());
    }

    @Test
    void environmentVariableSelectsTheRegistry() throws Exception {
        Path reg = registryWithTwoVersions();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Map<String, String> env = new HashMap<>(cli.env);
        env.put("GIT_MODEL_REGISTRY", reg.toString());
        Result r = cli.runWith(env, elsewhere, "resolve", "fraud@latest").ok();
        assertEquals("fraud@v2" + NL, r.out());

        // -C wins over the environment
        Path other = cli.init("other");
        env.put("GIT_MODEL_REGISTRY", other.toString());
        assertEquals("fraud@v1" + NL, cli.runWith(env, elsewhere, "-C", reg.toString(), "resolve", "fraud@v1").ok().out());
        // and the environment wins over the working directory
        cli.runWith(env, reg, "resolve", "fraud@latest").failsWithError();
    }

    @Test
    void workingDirectorySelectsTheRegistry() throws Exception {
        Path reg = registryWithTwoVersions();
        assertEquals("fraud@v2" + NL, cli.runIn(reg, "resolve", "fraud@latest").ok().out());

        Path deep = Files.createDirectories(reg.resolve("sub/deeper"));
        assertEquals("fraud@v2" + NL, cli.runIn(deep, "resolve", "fraud@latest").ok().out());
        assertTrue(cli.runIn(deep, "list").ok().out().contains("fraud"));
        assertEquals("fraud@v1" + NL, cli.runIn(reg.resolve("models/fraud"), "resolve", "fraud@v1").ok().out(),
                "also from a directory of the checked-out registry branch");
    }

    @Test
    void workingDirectoryCanBeABareRegistry() {
        Path bare = cli.init("bare.git", "--bare");
        cli.register(bare, "fraud", "--artifact", write(cli.work.resolve("m.bin"), MODEL_V1).toString());
        assertEquals("fraud@v1" + NL, cli.runIn(bare, "resolve", "fraud@latest").ok().out());
        assertEquals("fraud@v2" + NL, cli.runIn(bare, "register", "fraud", "--artifact", cli.work.resolve("m.bin").toString())
                .ok().out());
    }

    // ------------------------------------------------------------------ machine output

    @Test
    void showJsonIsTheModelYamlPlusRefAndCommit() {
        Path reg = registryWithTwoVersions();
        Result r = cli.run("-C", reg.toString(), "show", "fraud@latest", "--json").ok();
        Map<String, Object> v = asMap(Json.parse(r.out()));
        assertEquals("fraud@v2", v.get("ref"));
        String commit = (String) v.get("commit");
        assertTrue(commit.matches("[0-9a-f]{40}"), commit);
        assertEquals(revParse(reg, "refs/tags/fraud@v2^{commit}"), commit, "commit is the commit the tag points at");
        for (String key : List.of("name", "version", "created", "created_by", "metrics", "params", "tags", "lineage",
                "artifacts")) {
            assertTrue(v.containsKey(key), () -> "missing " + key + " in " + v);
        }
        assertEquals(List.of("ref", "commit"), List.copyOf(v.keySet()).subList(0, 2), "ref and commit come first");
        assertEquals("fraud", v.get("name"));
        assertEquals(2L, v.get("version"));
        assertEquals("second", v.get("description"));
        Instant created = Instant.parse((String) v.get("created"));
        assertTrue(created.isAfter(Instant.now().minusSeconds(600)) && !created.isAfter(Instant.now().plusSeconds(5)));
        assertEquals(Map.of("auc", 0.94), v.get("metrics"));
        assertInstanceOf(Map.class, v.get("params"));
        assertInstanceOf(Map.class, v.get("tags"));
        assertInstanceOf(Map.class, v.get("lineage"));
        Map<String, Object> artifact = asMap(asList(v.get("artifacts")).get(0));
        assertEquals("model.onnx", artifact.get("path"));
        assertEquals("sha256:" + sha256(MODEL_V2), artifact.get("oid"));
        assertEquals((long) MODEL_V2.length, artifact.get("size"));
        assertEquals("application/onnx", artifact.get("media_type"));
        assertEquals("", r.err());

        Map<String, Object> v1 = cli.showJson(reg, "fraud@v1");
        assertEquals("fraud@v1", v1.get("ref"));
        assertNotEquals(commit, v1.get("commit"));
        assertEquals(revParse(reg, "refs/tags/fraud@v1^{commit}"), v1.get("commit"));
    }

    @Test
    void listJsonIsAnArrayOfTheNewestVersions() {
        Path reg = registryWithTwoVersions();
        cli.register(reg, "churn", "--metric", "f1=0.7");
        List<Object> list = asList(Json.parse(cli.run("-C", reg.toString(), "list", "--json").ok().out()));
        assertEquals(2, list.size());
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Object o : list) {
            Map<String, Object> m = asMap(o);
            assertTrue(((String) m.get("commit")).matches("[0-9a-f]{40}"));
            for (String key : List.of("ref", "name", "version", "created", "created_by", "metrics", "params", "tags",
                    "lineage", "artifacts")) {
                assertTrue(m.containsKey(key), () -> "missing " + key + " in " + m);
            }
            byName.put((String) m.get("name"), m);
        }
        assertEquals("fraud@v2", byName.get("fraud").get("ref"));
        assertEquals(2L, byName.get("fraud").get("version"));
        assertEquals("churn@v1", byName.get("churn").get("ref"));
    }

    @Test
    void listJsonOfAnEmptyRegistryIsAnEmptyArray() {
        Path reg = cli.init("reg");
        Result r = cli.run("-C", reg.toString(), "list", "--json").ok();
        assertEquals(List.of(), Json.parse(r.out()));
    }

    @Test
    void versionsJsonIsAnArrayOldestFirst() {
        Path reg = registryWithTwoVersions();
        List<Object> versions = asList(Json.parse(cli.run("-C", reg.toString(), "versions", "fraud", "--json").ok().out()));
        assertEquals(2, versions.size());
        assertEquals("fraud@v1", path(versions.get(0), "ref"));
        assertEquals(1L, path(versions.get(0), "version"));
        assertEquals("fraud@v2", path(versions.get(1), "ref"));
        assertEquals(2L, path(versions.get(1), "version"));
        assertEquals(revParse(reg, "refs/tags/fraud@v1^{commit}"), path(versions.get(0), "commit"));
        assertEquals(0.91, path(versions.get(0), "metrics", "auc"));
        assertInstanceOf(List.class, path(versions.get(1), "artifacts"));
    }

    @Test
    void jsonEscapesStrings() {
        Path reg = cli.init("reg");
        String tricky = "line one\nsays \"hi\" \\ tab\there \u00e9\u4e2d";
        cli.register(reg, "fraud", "--description", tricky, "--tag", "note=a\"b");
        Map<String, Object> v = cli.showJson(reg, "fraud@v1");
        assertEquals(tricky, v.get("description"));
        assertEquals("a\"b", path(v, "tags", "note"));
    }

    @Test
    void showYamlPrintsTheModelYaml() {
        Path reg = registryWithTwoVersions();
        Result r = cli.run("-C", reg.toString(), "show", "fraud@v2", "--yaml").ok();
        List<String> lines = r.outLines();
        assertTrue(lines.contains("name: fraud"), r::toString);
        assertTrue(lines.contains("version: 2"), r::toString);
        assertTrue(r.out().contains("created_by: Ada Tester <ada@example.com>"), r::toString);
        String modelYaml = fileAt(reg, "fraud@v2", "models/fraud/model.yaml");
        assertTrue(r.out().contains(modelYaml), () -> "show --yaml contains the stored model.yaml\n" + modelYaml + "\n" + r);
    }

    // ------------------------------------------------------------------ readable output

    @Test
    void listPrintsATable() {
        Path reg = registryWithTwoVersions();
        cli.register(reg, "churn", "--metric", "f1=0.7");
        List<String> lines = cli.run("-C", reg.toString(), "list").ok().outLines();
        assertEquals(3, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("MODEL"), lines.get(0));
        assertTrue(lines.get(0).contains("LATEST"), lines.get(0));
        String fraud = lines.stream().filter(l -> l.startsWith("fraud ")).findFirst().orElseThrow();
        assertTrue(fraud.contains(" v2 "), fraud);
        assertTrue(fraud.contains("auc=0.94"), fraud);
        assertTrue(fraud.contains("Ada Tester"), fraud);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("churn ") && l.contains(" v1 ")), () -> String.join("\n", lines));
    }

    @Test
    void listOfAnEmptyRegistryPrintsNothingOnStdout() {
        Path reg = cli.init("reg");
        Result r = cli.run("-C", reg.toString(), "list").ok();
        assertEquals("", r.out());
        assertTrue(r.err().contains("No models yet"), r::toString);
    }

    @Test
    void versionsPrintsATable() {
        Path reg = registryWithTwoVersions();
        List<String> lines = cli.run("-C", reg.toString(), "versions", "fraud").ok().outLines();
        assertEquals(3, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("REF"), lines.get(0));
        assertTrue(lines.get(1).startsWith("fraud@v1 "), lines.get(1));
        assertTrue(lines.get(1).contains("first"), lines.get(1));
        assertTrue(lines.get(2).startsWith("fraud@v2 "), lines.get(2));
        assertTrue(lines.get(2).contains("auc=0.94"), lines.get(2));
    }

    @Test
    void showPrintsAReadableSummary() {
        Path reg = registryWithTwoVersions();
        Result r = cli.run("-C", reg.toString(), "show", "fraud@latest").ok();
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).startsWith("fraud@v2"), r::toString);
        assertTrue(lines.get(0).contains(revParse(reg, "refs/tags/fraud@v2^{commit}")), r::toString);
        assertTrue(r.out().contains("auc"), r::toString);
        assertTrue(r.out().contains("model.onnx"), r::toString);
        assertTrue(r.out().contains(sha256(MODEL_V2).substring(0, 16)), r::toString);
    }

    // ------------------------------------------------------------------ get

    @Test
    void getWritesEveryArtifactAndPrintsOnePathPerLine() {
        Path reg = cli.init("reg");
        byte[] vocab = randomBytes(9, 100);
        write(cli.work.resolve("bundle/model.onnx"), MODEL_V1);
        write(cli.work.resolve("bundle/tok/vocab.bin"), vocab);
        cli.register(reg, "fraud", "--artifact", cli.work.resolve("bundle").toString());

        Path out = cli.work.resolve("out");
        Result r = cli.run("-C", reg.toString(), "get", "fraud@v1", "-o", "out").ok();
        assertEquals(List.of("model.onnx", "tok/vocab.bin"), filesUnder(out));
        assertArrayEquals(MODEL_V1, read(out.resolve("model.onnx")));
        assertArrayEquals(vocab, read(out.resolve("tok/vocab.bin")));
        assertEquals(new TreeSet<>(List.of(out.resolve("model.onnx").toString(), out.resolve("tok/vocab.bin").toString())),
                new TreeSet<>(r.outLines()), r::toString);
        assertTrue(r.err().contains("Wrote 2 artifacts"), r::toString);
    }

    @Test
    void getOneArtifactWritesOnlyThatOne() {
        Path reg = cli.init("reg");
        write(cli.work.resolve("bundle/model.onnx"), MODEL_V1);
        write(cli.work.resolve("bundle/tok/vocab.bin"), MODEL_V2);
        cli.register(reg, "fraud", "--artifact", cli.work.resolve("bundle").toString());

        Path out = cli.work.resolve("only");
        Result r = cli.run("-C", reg.toString(), "get", "fraud@latest", "tok/vocab.bin", "--output", out.toString()).ok();
        assertEquals(List.of(out.resolve("tok/vocab.bin").toString()), r.outLines());
        assertEquals(List.of("tok/vocab.bin"), filesUnder(out));
        assertArrayEquals(MODEL_V2, read(out.resolve("tok/vocab.bin")));
    }

    @Test
    void getIntoADirectoryHoldingAnotherVersionNeedsForceAndThenHoldsExactlyTheNewOne() throws Exception {
        Path reg = registryWithTwoVersions();
        Path deploy = tmp.resolve("deploy");
        cli.run("-C", reg.toString(), "get", "fraud@v2", "-o", deploy.toString()).ok();
        Files.writeString(deploy.resolve("stale-from-v0.onnx"), "old");
        Result refused = cli.run("-C", reg.toString(), "get", "fraud@v1", "-o", deploy.toString()).failsWithError();
        assertTrue(refused.err().contains("holds files already; nothing was written") && refused.err().contains("--force"),
                refused::toString);
        assertArrayEquals(MODEL_V2, read(deploy.resolve("model.onnx")));
        cli.run("-C", reg.toString(), "get", "fraud@v1", "-o", deploy.toString(), "--force").ok();
        assertArrayEquals(MODEL_V1, read(deploy.resolve("model.onnx")));
        assertFalse(Files.exists(deploy.resolve("stale-from-v0.onnx")), "only the version's files remain");
    }

    @Test
    void getDefaultsToNameDashVersionUnderTheWorkingDirectory() throws Exception {
        Path reg = registryWithTwoVersions();
        Path here = Files.createDirectories(tmp.resolve("deploy"));
        Result r = cli.runIn(here, "-C", reg.toString(), "get", "fraud@latest").ok();
        assertEquals(List.of(here.resolve("fraud-v2/model.onnx").toString()), r.outLines());
        assertArrayEquals(MODEL_V2, read(here.resolve("fraud-v2/model.onnx")));

        cli.runIn(here, "-q", "-C", reg.toString(), "get", "fraud@v1").ok();
        assertArrayEquals(MODEL_V1, read(here.resolve("fraud-v1/model.onnx")));
    }

    @Test
    void getQuietPrintsOnlyPaths() {
        Path reg = registryWithTwoVersions();
        Result r = cli.run("-q", "-C", reg.toString(), "get", "fraud@v1", "-o", "x").ok();
        assertEquals(cli.work.resolve("x/model.onnx") + NL, r.out());
        assertEquals("", r.err());
    }
}
