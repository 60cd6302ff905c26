package io.gitmodel.registry;

import static io.gitmodel.registry.testing.RegistryAssertions.assertConsistent;
import static io.gitmodel.registry.testing.RegistryAssertions.lfsPointer;
import static io.gitmodel.registry.testing.RegistryAssertions.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A registry written by the library is an ordinary Git (and Git LFS) repository: checked here with
 * the real {@code git} and {@code git lfs} programs, in a bare registry and in one with a working tree.
 */
@IsolatedGit
class InteropTest {
    private static final String X_BIN = "models/fraud/artifacts/x.bin";
    private static final String PARAMS_JSON = "models/fraud/artifacts/config/params.json";
    private static final String CHURN_ONNX = "models/churn/artifacts/churn.onnx";

    Path tmp;
    TestEnv env;
    GitCli git;

    @BeforeAll
    static void requireGit() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        git = env.git();
    }

    /** A registry holding fraud@v1, churn@v1, fraud@v2, registered in that order. */
    record Fixture(Path dir, Path gitDir, ModelVersion fraud1, ModelVersion churn1, ModelVersion fraud2,
            byte[] x1, byte[] x2, byte[] params, byte[] churn) {
    }

    private Fixture registry(boolean bare) throws Exception {
        Path files = Files.createDirectories(tmp.resolve("files"));
        byte[] x1 = randomBytes(1, 150_000);
        byte[] x2 = randomBytes(2, 170_001);
        byte[] params = "{\"lr\": 0.01, \"depth\": 6}\n".getBytes(StandardCharsets.UTF_8);
        byte[] churn = randomBytes(3, 4_096);
        Path x1File = Files.write(files.resolve("x1.bin"), x1);
        Path x2File = Files.write(files.resolve("x2.bin"), x2);
        Path paramsFile = Files.write(files.resolve("params.json"), params);
        Path churnFile = Files.write(files.resolve("churn.onnx"), churn);
        Path dir = tmp.resolve(bare ? "registry.git" : "registry");
        try (Registry registry = Registry.init(dir).bare(bare).config(env.config()).call()) {
            ModelVersion fraud1 = registry.register("fraud").artifact("x.bin", x1File).artifact("config/params.json", paramsFile)
                    .metric("auc", 0.91).metric("f1", 0.8).param("depth", 6).description("baseline").call();
            ModelVersion churn1 = registry.register("churn").artifact(churnFile).metric("auc", 0.7).call();
            ModelVersion fraud2 = registry.register("fraud").artifact("x.bin", x2File).artifact("config/params.json", paramsFile)
                    .metric("auc", 0.95).metric("f1", 0.8).param("depth", 6).description("more data").call();
            assertEquals(List.of(1, 1, 2), List.of(fraud1.version(), churn1.version(), fraud2.version()));
            return new Fixture(registry.directory(), registry.gitDirectory(), fraud1, churn1, fraud2, x1, x2, params, churn);
        }
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Runs git in the registry: in the bare repository, or in the working tree. */
    private GitCli.Result gitIn(Fixture f, String... args) {
        return git.git(f.dir(), args);
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    @ParameterizedTest(name = "bare={0}")
    @ValueSource(booleans = {true, false})
    void fsckIsCleanAndEveryVersionTagIsConsistent(boolean bare) throws Exception {
        Fixture f = registry(bare);
        assertEquals(List.of("churn@v1", "fraud@v1", "fraud@v2"), assertConsistent(env, f.gitDir()));
        assertEquals(Boolean.toString(bare), gitIn(f, "rev-parse", "--is-bare-repository").ok().stdout().strip());
        assertEquals("refs/heads/main", gitIn(f, "symbolic-ref", "HEAD").ok().stdout().strip());
        assertEquals(f.fraud2().commit(), gitIn(f, "rev-parse", "main").ok().stdout().strip());
        // one linear history: init, fraud@v1, churn@v1, fraud@v2
        assertEquals("4", gitIn(f, "rev-list", "--count", "main").ok().stdout().strip());
        assertEquals("4", gitIn(f, "rev-list", "--count", "--no-merges", "--first-parent", "main").ok().stdout().strip());
    }

    @ParameterizedTest(name = "bare={0}")
    @ValueSource(booleans = {true, false})
    void versionTagsAreAnnotatedTagsOfTheRegistrationCommits(boolean bare) throws Exception {
        Fixture f = registry(bare);
        assertEquals("tag", gitIn(f, "cat-file", "-t", "fraud@v1").ok().stdout().strip());
        for (ModelVersion v : List.of(f.fraud1(), f.churn1(), f.fraud2())) {
            assertEquals(v.commit(), gitIn(f, "rev-parse", v.ref() + "^{commit}").ok().stdout().strip(), v.ref().toString());
            assertEquals(0, gitIn(f, "merge-base", "--is-ancestor", v.ref().toString(), "main").exitCode(),
                    v.ref() + " must be on the registry branch");
        }
        String tag = gitIn(f, "cat-file", "-p", "fraud@v2").ok().stdout();
        assertTrue(tag.startsWith("object " + f.fraud2().commit() + "\ntype commit\ntag fraud@v2\ntagger Ada Tester <ada@example.com> "
                + f.fraud2().created().getEpochSecond() + " +0000\n\nfraud@v2: more data\n"), tag);
        assertEquals(List.of("churn@v1", "fraud@v1", "fraud@v2"), lines(gitIn(f, "tag", "-l").ok().stdout()));
        assertEquals(List.of("fraud@v2"), lines(gitIn(f, "tag", "-l", "fraud@*", "--points-at", "main").ok().stdout()));
        // what git describes is what the library resolves
        try (Registry registry = Registry.open(f.dir(), env.config())) {
            assertEquals(f.fraud2(), registry.resolve("fraud@latest"));
            assertEquals(f.fraud1(), registry.resolve("fraud@v1"));
        }
    }

    @ParameterizedTest(name = "bare={0}")
    @ValueSource(booleans = {true, false})
    void logIsTheRegistrationHistoryWithTrailers(boolean bare) throws Exception {
        Fixture f = registry(bare);
        assertEquals("Register fraud@v2\nRegister fraud@v1\n", gitIn(f, "log", "--format=%s", "--", "models/fraud").ok().stdout());
        assertEquals("Register churn@v1\n", gitIn(f, "log", "--format=%s", "--", "models/churn/").ok().stdout());
        assertEquals(List.of("Register fraud@v2", "Register churn@v1", "Register fraud@v1", "Initialize git-model registry (format 1)"),
                lines(gitIn(f, "log", "--format=%s").ok().stdout()));

        assertEquals("fraud", gitIn(f, "log", "-1", "--format=%(trailers:key=Model,valueonly)").ok().stdout().strip());
        assertEquals("2", gitIn(f, "log", "-1", "--format=%(trailers:key=Version,valueonly)").ok().stdout().strip());
        assertEquals("1", gitIn(f, "log", "-1", "--format=%(trailers:key=Version,valueonly)", "fraud@v1").ok().stdout().strip());
        assertEquals("Model: churn\nVersion: 1", gitIn(f, "log", "-1", "--format=%(trailers:only,unfold)", "churn@v1").ok().stdout().strip());
        assertEquals("Register fraud@v2\n\nmore data\n\nModel: fraud\nVersion: 2",
                gitIn(f, "log", "-1", "--format=%B", "fraud@v2").ok().stdout().strip());
        // author and committer are the registering user, at the version's creation time
        assertEquals("Ada Tester <ada@example.com> " + f.fraud1().created().getEpochSecond() + " | Ada Tester <ada@example.com>",
                gitIn(f, "log", "-1", "--format=%an <%ae> %at | %cn <%ce>", "fraud@v1").ok().stdout().strip());
        // git's own trailer parser agrees
        String message = gitIn(f, "log", "-1", "--format=%B", "fraud@v1").ok().stdout();
        Path msg = Files.writeString(tmp.resolve("msg.txt"), message);
        assertEquals("Model: fraud\nVersion: 1\n", git.git(tmp, "interpret-trailers", "--parse", msg.toString()).ok().stdout());
    }

    @ParameterizedTest(name = "bare={0}")
    @ValueSource(booleans = {true, false})
    void diffBetweenVersionsShowsWhatChanged(boolean bare) throws Exception {
        Fixture f = registry(bare);
        String diff = gitIn(f, "diff", "fraud@v1", "fraud@v2", "--", "models/fraud/model.yaml").ok().stdout();
        List<String> changed = diff.lines().filter(l -> (l.startsWith("-") || l.startsWith("+"))
                && !l.startsWith("---") && !l.startsWith("+++")).toList();
        assertTrue(changed.stream().anyMatch(l -> l.matches("-\\s+auc: 0\\.91")), diff);
        assertTrue(changed.stream().anyMatch(l -> l.matches("\\+\\s+auc: 0\\.95")), diff);
        assertTrue(changed.contains("-version: 1"), diff);
        assertTrue(changed.contains("+version: 2"), diff);
        assertTrue(changed.contains("-description: baseline"), diff);
        assertTrue(changed.contains("+description: more data"), diff);
        assertTrue(changed.stream().anyMatch(l -> l.matches("\\+\\s+oid: sha256:" + sha256(f.x2()))), diff);
        // unchanged metadata is not in the diff
        assertFalse(changed.stream().anyMatch(l -> l.contains("f1:") || l.contains("depth:")), diff);
        // per version: only the model's own files changed, the unchanged artifact keeps its pointer
        assertEquals(List.of("models/fraud/artifacts/x.bin", "models/fraud/model.yaml"),
                lines(gitIn(f, "diff", "--name-only", "fraud@v1", "fraud@v2", "--", "models/fraud").ok().stdout()));
        assertEquals(List.of("M\tmodels/fraud/artifacts/x.bin", "M\tmodels/fraud/model.yaml"),
                lines(gitIn(f, "diff-tree", "--no-commit-id", "-r", "--name-status", "fraud@v2").ok().stdout()));
        assertEquals(List.of("A\tmodels/churn/artifacts/churn.onnx", "A\tmodels/churn/model.yaml"),
                lines(gitIn(f, "diff-tree", "--no-commit-id", "-r", "--name-status", "churn@v1").ok().stdout()));
    }

    @ParameterizedTest(name = "bare={0}")
    @ValueSource(booleans = {true, false})
    void artifactsAreLfsPointerFilesUnderLfsAttributes(boolean bare) throws Exception {
        Fixture f = registry(bare);
        assertEquals(lfsPointer(f.x2()), gitIn(f, "show", "main:" + X_BIN).ok().stdout());
        assertEquals("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(f.x1()) + "\nsize 150000\n",
                gitIn(f, "show", "fraud@v1:" + X_BIN).ok().stdout());
        assertEquals(lfsPointer(f.params()), gitIn(f, "show", "main:" + PARAMS_JSON).ok().stdout());
        assertEquals(lfsPointer(f.churn()), gitIn(f, "show", "main:" + CHURN_ONNX).ok().stdout());
        assertEquals("models/**/artifacts/** filter=lfs diff=lfs merge=lfs -text\n", gitIn(f, "show", "main:.gitattributes").ok().stdout());

        // attributes as git sees them in a checkout (git-lfs is not installed in this HOME, so the
        // checkout holds the pointer files themselves)
        Path clone = tmp.resolve("plain-clone");
        git.git(tmp, "clone", "-q", "file://" + f.dir(), clone.toString()).ok();
        assertArrayEquals(lfsPointer(f.x2()).getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(clone.resolve(X_BIN)));
        assertArrayEquals(lfsPointer(f.churn()).getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(clone.resolve(CHURN_ONNX)));
        List<Path> checkouts = bare ? List.of(clone) : List.of(clone, f.dir());
        for (Path dir : checkouts) {
            assertEquals(X_BIN + ": filter: lfs\n" + X_BIN + ": diff: lfs\n" + X_BIN + ": merge: lfs\n" + X_BIN + ": text: unset\n",
                    git.git(dir, "check-attr", "filter", "diff", "merge", "text", "--", X_BIN).ok().stdout(), dir.toString());
            assertEquals(PARAMS_JSON + ": filter: lfs\n", git.git(dir, "check-attr", "filter", "--", PARAMS_JSON).ok().stdout());
            assertEquals("models/fraud/model.yaml: filter: unspecified\n",
                    git.git(dir, "check-attr", "filter", "--", "models/fraud/model.yaml").ok().stdout());
        }
    }

    @ParameterizedTest(name = "bare={0}")
    @ValueSource(booleans = {true, false})
    void gitLfsReadsTheRegistryAndACloneGetsTheArtifactBytes(boolean bare) throws Exception {
        Assumptions.assumeTrue(GitCli.hasGitLfs(), "git-lfs is not installed");
        Fixture f = registry(bare);
        git.git(env.home(), "lfs", "install", "--skip-repo").ok();

        Set<String> atV2 = Set.of(X_BIN, PARAMS_JSON, CHURN_ONNX);
        assertEquals(atV2, new TreeSet<>(lines(gitIn(f, "lfs", "ls-files", "-n", "fraud@v2").ok().stdout())));
        assertEquals(Set.of(X_BIN, PARAMS_JSON), new TreeSet<>(lines(gitIn(f, "lfs", "ls-files", "-n", "fraud@v1").ok().stdout())));
        // "<oid> - <path>" in a bare repository (nothing checked out), "*" where the bytes are checked out
        String longList = gitIn(f, "lfs", "ls-files", "-l", "fraud@v2").ok().stdout();
        assertTrue(longList.matches("(?s).*" + sha256(f.x2()) + " [*-] " + X_BIN + "\n.*"), longList);
        assertTrue(longList.matches("(?s).*" + sha256(f.churn()) + " [*-] " + CHURN_ONNX + "\n.*"), longList);
        assertTrue(longList.matches("(?s).*" + sha256(f.params()) + " [*-] " + PARAMS_JSON + "\n.*"), longList);

        GitCli.Result registryFsck = gitIn(f, "lfs", "fsck");
        assertEquals(0, registryFsck.exitCode(), registryFsck.stdout() + registryFsck.stderr());
        assertTrue(registryFsck.stdout().contains("Git LFS fsck OK"), registryFsck.stdout() + registryFsck.stderr());
        if (!bare) {
            // with the LFS filters installed, git still sees the checked-out pointer files as clean
            assertEquals("", gitIn(f, "status", "--porcelain").ok().stdout());
        }

        Path clone = tmp.resolve("clone");
        git.git(tmp, "clone", "-q", "file://" + f.dir(), clone.toString()).ok();
        assertEquals(atV2, new TreeSet<>(lines(git.git(clone, "lfs", "ls-files", "-n").ok().stdout())));
        String cloneList = git.git(clone, "lfs", "ls-files", "-l").ok().stdout();
        for (String line : lines(cloneList)) {
            assertTrue(line.matches("[0-9a-f]{64} \\* .*"), "not downloaded: " + line + "\n" + cloneList);
        }
        assertArrayEquals(f.x2(), Files.readAllBytes(clone.resolve(X_BIN)));
        assertArrayEquals(f.params(), Files.readAllBytes(clone.resolve(PARAMS_JSON)));
        assertArrayEquals(f.churn(), Files.readAllBytes(clone.resolve(CHURN_ONNX)));
        assertEquals("", git.git(clone, "status", "--porcelain").ok().stdout());
        GitCli.Result cloneFsck = git.git(clone, "lfs", "fsck");
        assertEquals(0, cloneFsck.exitCode(), cloneFsck.stdout() + cloneFsck.stderr());
        assertTrue(cloneFsck.stdout().contains("Git LFS fsck OK"), cloneFsck.stdout() + cloneFsck.stderr());

        // an older version checks out with its own bytes, fetched from the registry on demand
        git.git(clone, "-c", "advice.detachedHead=false", "checkout", "-q", "fraud@v1").ok();
        assertArrayEquals(f.x1(), Files.readAllBytes(clone.resolve(X_BIN)));
        assertFalse(Files.exists(clone.resolve("models/churn")), "churn did not exist at fraud@v1");
        assertEquals("", git.git(clone, "status", "--porcelain").ok().stdout());
    }

    @Test
    void nonBareRegistryKeepsItsCheckedOutBranchInSync() throws Exception {
        Fixture f = registry(false);
        Path dir = f.dir();
        // the metadata files are exactly what git checks out; artifact files depend on the LFS
        // filter configuration, see workingTreeArtifactsAreWhatGitWouldCheckOut
        assertEquals("", git.git(dir, "status", "--porcelain", "--", ".", ":(exclude)models/*/artifacts/*").ok().stdout());
        assertEquals(0, git.git(dir, "diff", "--cached", "--quiet").exitCode(), "the index must match HEAD");
        assertEquals(f.fraud2().commit(), git.git(dir, "rev-parse", "HEAD").ok().stdout().strip());
        assertTrue(Files.isRegularFile(dir.resolve("models/fraud/model.yaml")));
        assertEquals(git.git(dir, "show", "main:models/fraud/model.yaml").ok().stdout(),
                Files.readString(dir.resolve("models/fraud/model.yaml")));
        assertTrue(Files.readString(dir.resolve("models/fraud/model.yaml")).contains("version: 2\n"));
        assertEquals(git.git(dir, "show", "main:models/churn/model.yaml").ok().stdout(),
                Files.readString(dir.resolve("models/churn/model.yaml")));
        assertEquals(git.git(dir, "show", "main:registry.yaml").ok().stdout(), Files.readString(dir.resolve("registry.yaml")));
        assertTrue(Files.isRegularFile(dir.resolve(X_BIN)));
        assertEquals(List.of(".gitattributes", CHURN_ONNX, "models/churn/model.yaml", PARAMS_JSON, X_BIN,
                "models/fraud/model.yaml", "registry.yaml"), lines(git.git(dir, "ls-files").ok().stdout()));

        // and it keeps following after the registry is reopened
        Path x3 = Files.write(tmp.resolve("x3.bin"), randomBytes(4, 1000));
        ModelVersion v3;
        try (Registry registry = Registry.open(dir, env.config())) {
            v3 = registry.register("fraud").artifact("x.bin", x3).metric("auc", 0.97).call();
            assertEquals(3, v3.version());
        }
        assertEquals(v3.commit(), git.git(dir, "rev-parse", "HEAD").ok().stdout().strip());
        assertEquals(0, git.git(dir, "diff", "--cached", "--quiet").exitCode(), "the index must match HEAD");
        assertEquals("", git.git(dir, "status", "--porcelain", "--", ".", ":(exclude)models/*/artifacts/*").ok().stdout());
        assertTrue(Files.readString(dir.resolve("models/fraud/model.yaml")).contains("version: 3\n"));
        assertFalse(Files.exists(dir.resolve(PARAMS_JSON)), "fraud@v3 has no params.json, the working tree must not either");
        assertConsistent(env, f.gitDir());
    }

    /**
     * The checked-out registry branch holds the artifacts' pointer files, not a second copy of
     * bytes already in {@code lfs/objects}, and {@code git status} is clean with or without
     * git-lfs; {@code gitmodel.checkoutArtifacts=true} asks for the bytes, as git with the LFS
     * filter would check them out.
     */
    @Test
    void workingTreeHoldsPointersNotASecondCopyOfTheArtifacts() throws Exception {
        // no git-lfs filter in this environment (GIT_CONFIG_NOSYSTEM, fresh HOME)
        Fixture f = registry(false);
        Path dir = f.dir();
        assertEquals("", git.git(dir, "config", "--get-regexp", "^filter\\.lfs\\.").stdout(), "precondition: no LFS filter");
        assertArrayEquals(lfsPointer(f.x2()).getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(dir.resolve(X_BIN)));
        assertArrayEquals(lfsPointer(f.churn()).getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(dir.resolve(CHURN_ONNX)));
        assertEquals("", git.git(dir, "status", "--porcelain").ok().stdout());

        // with git-lfs installed for this user: still the pointer, and git (running the LFS filter) sees no change
        Assumptions.assumeTrue(GitCli.hasGitLfs(), "git-lfs is not installed");
        git.git(env.home(), "lfs", "install", "--skip-repo").ok();
        byte[] x3 = randomBytes(4, 1000);
        try (Registry registry = Registry.open(dir, env.config())) {
            registry.register("fraud").artifact("x.bin", Files.write(tmp.resolve("x3.bin"), x3)).call();
        }
        assertArrayEquals(lfsPointer(x3).getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(dir.resolve(X_BIN)));
        assertEquals("", git.git(dir, "status", "--porcelain").ok().stdout());
        assertEquals("", git.git(dir, "lfs", "fsck").ok().stderr());

        // asked for: the bytes, as git checks them out with the filter
        git.git(dir, "config", "gitmodel.checkoutArtifacts", "true").ok();
        byte[] x4 = randomBytes(5, 1000);
        try (Registry registry = Registry.open(dir, env.config())) {
            registry.register("fraud").artifact("x.bin", Files.write(tmp.resolve("x4.bin"), x4)).call();
        }
        assertArrayEquals(x4, Files.readAllBytes(dir.resolve(X_BIN)));
        assertEquals("", git.git(dir, "status", "--porcelain").ok().stdout());
    }

    @Test
    void initInAnExistingWorkingTreeLeavesTheUsersCheckoutAlone() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        git.git(project, "init", "-q").ok();
        Files.writeString(project.resolve("README.md"), "# project\n");
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("src/train.py"), "print('train')\n");
        git.git(project, "add", ".").ok();
        git.git(project, "commit", "-q", "-m", "initial").ok();
        Files.writeString(project.resolve("src/train.py"), "print('train v2')\n");
        git.git(project, "commit", "-q", "-am", "second").ok();
        // work in progress: an unstaged change, a staged new file, an untracked file
        Files.writeString(project.resolve("README.md"), "# project\nwork in progress\n");
        Files.writeString(project.resolve("staged.txt"), "staged\n");
        git.git(project, "add", "staged.txt").ok();
        Files.writeString(project.resolve("untracked.txt"), "untracked\n");

        String status = git.git(project, "status", "--porcelain").ok().stdout();
        assertEquals(List.of("M README.md", "A  staged.txt", "?? untracked.txt"), lines(status).stream().map(String::strip).toList());
        String head = git.git(project, "rev-parse", "HEAD").ok().stdout();
        String symbolic = git.git(project, "symbolic-ref", "HEAD").ok().stdout();
        assertEquals("refs/heads/main\n", symbolic);
        String index = git.git(project, "ls-files", "-s").ok().stdout();

        Path model = Files.write(tmp.resolve("model.bin"), randomBytes(5, 10_000));
        ModelVersion v1;
        ModelVersion v2;
        try (Registry registry = Registry.init(project).branch("models").config(env.config()).call()) {
            assertEquals("models", registry.branch());
            v1 = registry.register("fraud").artifact(model).metric("auc", 0.9).call();
            registry.register("churn").artifact(model).metric("auc", 0.6).call();
            v2 = registry.register("fraud").artifact(model).metric("auc", 0.93).call();
        }

        assertEquals(status, git.git(project, "status", "--porcelain").ok().stdout());
        assertEquals(head, git.git(project, "rev-parse", "HEAD").ok().stdout());
        assertEquals(symbolic, git.git(project, "symbolic-ref", "HEAD").ok().stdout());
        assertEquals(index, git.git(project, "ls-files", "-s").ok().stdout());
        assertEquals("# project\nwork in progress\n", Files.readString(project.resolve("README.md")));
        assertFalse(Files.exists(project.resolve("models")), "the registry branch must not be checked out");
        assertFalse(Files.exists(project.resolve("registry.yaml")), "the registry branch must not be checked out");

        assertEquals(List.of("refs/heads/main", "refs/heads/models"),
                lines(git.git(project, "for-each-ref", "--format=%(refname)", "refs/heads/").ok().stdout()));
        assertEquals("models", git.git(project, "config", "gitmodel.branch").ok().stdout().strip());
        assertEquals("", git.git(project, "ls-tree", "main", "--", "models", "registry.yaml").ok().stdout(),
                "the user's branch must not get registry files");
        assertEquals("Register fraud@v2\nRegister fraud@v1\n",
                git.git(project, "log", "--format=%s", "models", "--", "models/fraud").ok().stdout());
        assertEquals(v2.commit(), git.git(project, "rev-parse", "fraud@v2^{commit}").ok().stdout().strip());
        assertEquals(v2.commit(), git.git(project, "rev-parse", "models").ok().stdout().strip());
        assertEquals("", git.git(project, "merge-base", "main", "models").stdout(), "the registry branch is a separate history");
        assertEquals(List.of("churn@v1", "fraud@v1", "fraud@v2"), assertConsistent(env, project.resolve(".git")));

        try (Registry reopened = Registry.open(project, env.config())) {
            assertEquals("models", reopened.branch());
            assertEquals(v2, reopened.resolve("fraud@latest"));
            assertEquals(v1, reopened.resolve("fraud@v1"));
            assertEquals(List.of(ModelName.of("churn"), ModelName.of("fraud")), reopened.models());
        }
        // the user's own history goes on as before
        git.git(project, "commit", "-q", "-m", "third").ok();
        assertEquals(List.of("third", "second", "initial"), lines(git.git(project, "log", "--format=%s").ok().stdout()));
        assertEquals(Arrays.asList("staged.txt"), lines(git.git(project, "show", "--format=", "--name-only", "HEAD").ok().stdout())
                .stream().collect(Collectors.toList()));
    }
}
