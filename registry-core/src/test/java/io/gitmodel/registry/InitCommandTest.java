package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidNameException;
import io.gitmodel.registry.errors.NotARegistryException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Init in an existing repository adds the registry branch and nothing else: the user's branch,
 * HEAD, index and working tree stay exactly as they were.
 */
@IsolatedGit
class InitCommandTest {
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

    /** A project repository with a commit on main, a staged change, an unstaged change and an untracked file. */
    private Path userRepository() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("project"));
        git.git(repo, "init", "-q").ok();
        Files.writeString(repo.resolve("train.py"), "print('train')\n");
        Files.writeString(repo.resolve("README.md"), "# project\n");
        Files.createDirectories(repo.resolve("models"));
        Files.writeString(repo.resolve("models/notes.txt"), "user's own models dir\n");
        git.git(repo, "add", ".").ok();
        git.git(repo, "commit", "-q", "-m", "initial").ok();
        Files.writeString(repo.resolve("train.py"), "print('train v2')\n");
        git.git(repo, "add", "train.py").ok(); // staged
        Files.writeString(repo.resolve("README.md"), "# project\nunstaged edit\n"); // unstaged
        Files.writeString(repo.resolve("scratch.txt"), "untracked\n"); // untracked
        Files.writeString(repo.resolve("staged-new.txt"), "new\n");
        git.git(repo, "add", "staged-new.txt").ok();
        return repo;
    }

    /** Everything a user can see of their own work, as git prints it. */
    private Map<String, String> userView(Path repo) throws Exception {
        Map<String, String> view = new TreeMap<>();
        view.put("HEAD", git.git(repo, "symbolic-ref", "HEAD").ok().stdout());
        view.put("main", git.git(repo, "rev-parse", "refs/heads/main").ok().stdout());
        view.put("diff --cached", git.git(repo, "diff", "--cached").ok().stdout());
        view.put("diff", git.git(repo, "diff").ok().stdout());
        view.put("status", git.git(repo, "status", "--porcelain", "--untracked-files=all").ok().stdout());
        view.put("ls-files -s", git.git(repo, "ls-files", "-s").ok().stdout());
        view.put("index bytes", RegistryAssertions.sha256(repo.resolve(".git/index")));
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !repo.relativize(p).startsWith(".git")).toList()) {
                view.put("file " + repo.relativize(f), Files.readString(f));
            }
        }
        return view;
    }

    @Test
    void initWithABranchOnAnExistingRepositoryLeavesTheUsersWorkAlone() throws Exception {
        Path repo = userRepository();
        Map<String, String> before = userView(repo);
        RepoState refsBefore = RepoState.capture(repo.resolve(".git"));
        assertNull(refsBefore.branch("models"));

        try (Registry registry = Registry.init(repo).branch("models").config(env.config()).call()) {
            assertEquals("models", registry.branch());
            assertEquals(repo, registry.directory());
            assertEquals(repo.resolve(".git"), registry.gitDirectory());
        }

        assertEquals(before, userView(repo));
        RepoState after = RepoState.capture(repo.resolve(".git"));
        assertNotNull(after.branch("models"));
        Map<String, String> expectedRefs = new TreeMap<>(refsBefore.refs());
        expectedRefs.put("refs/heads/models", after.branch("models"));
        assertEquals(expectedRefs, after.refs(), "init adds exactly one ref");
        assertEquals(refsBefore.head(), after.head());
        assertEquals("models\n", git.git(repo, "config", "gitmodel.branch").ok().stdout());
        List<String> registryTree = git.git(repo, "ls-tree", "-r", "--name-only", "refs/heads/models").ok().stdout().lines().toList();
        assertTrue(registryTree.contains("registry.yaml"), registryTree.toString());
        assertTrue(registryTree.contains(".gitattributes"), registryTree.toString());
        for (String users : List.of("train.py", "README.md", "models/notes.txt", "staged-new.txt", "scratch.txt")) {
            assertFalse(registryTree.contains(users), "the registry branch must not take the user's " + users);
        }
        assertEquals("", git.git(repo, "log", "--format=%H", "refs/heads/main..refs/heads/models", "--", "train.py").ok().stdout());
        assertEquals("", git.git(repo, "merge-base", "refs/heads/main", "refs/heads/models").stdout(),
                "the registry branch is a separate root");

        // register into it: the user's work is still untouched
        Path artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
        try (Registry registry = Registry.open(repo, env.config())) {
            assertEquals("models", registry.branch());
            ModelVersion v = registry.register("fraud").artifact(artifact).call();
            assertEquals(v, registry.resolve("fraud@v1"));
        }
        assertEquals(before, userView(repo));
        assertEquals(List.of("fraud@v1"), RegistryAssertions.assertConsistent(env, repo.resolve(".git")));
    }

    @Test
    void initWithoutABranchOnARepositoryWhoseMainIsNotARegistryFails() throws Exception {
        Path repo = userRepository();
        Map<String, String> before = userView(repo);
        RepoState refsBefore = RepoState.capture(repo.resolve(".git"));
        String configBefore = Files.readString(repo.resolve(".git/config"));

        NotARegistryException e = assertThrows(NotARegistryException.class, () -> Registry.init(repo).config(env.config()).call());
        assertTrue(e.getMessage().contains("branch 'main'"), e.getMessage());
        assertTrue(e.getMessage().contains("is not a registry"), e.getMessage());
        assertTrue(e.getMessage().contains("--branch"), e.getMessage());
        assertEquals(repo, e.directory());

        assertEquals(before, userView(repo));
        RepoState.assertUnchanged(refsBefore, repo.resolve(".git"));
        assertEquals(configBefore, Files.readString(repo.resolve(".git/config")));
        assertThrows(NotARegistryException.class, () -> Registry.open(repo, env.config()));
    }

    @Test
    void initOnAnExistingRegistryReopensIt() throws Exception {
        Path repo = userRepository();
        Path artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
        try (Registry registry = Registry.init(repo).branch("models").config(env.config()).call()) {
            registry.register("fraud").artifact(artifact).call();
        }
        RepoState state = RepoState.capture(repo.resolve(".git"));
        Map<String, String> view = userView(repo);

        // again with the branch, and again without: gitmodel.branch remembers it
        try (Registry again = Registry.init(repo).branch("models").config(env.config()).call()) {
            assertEquals("models", again.branch());
            assertEquals(1, again.resolve("fraud@latest").version());
        }
        try (Registry again = Registry.init(repo).config(env.config()).call()) {
            assertEquals("models", again.branch());
            assertEquals(1, again.resolve("fraud@latest").version());
        }
        RepoState.assertUnchanged(state, repo.resolve(".git"));
        assertEquals(view, userView(repo));
    }

    @Test
    void initTwiceOnANewDirectoryReopens() throws Exception {
        Path dir = tmp.resolve("reg");
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            assertEquals("main", r.branch());
        }
        RepoState state = RepoState.capture(dir);
        try (Registry r = Registry.init(dir).bare(true).config(env.config()).call()) {
            assertEquals("main", r.branch());
        }
        RepoState.assertUnchanged(state, dir);
    }

    @Test
    void openFindsTheConfiguredBranch() throws Exception {
        Path repo = userRepository();
        Registry.init(repo).branch("ml/registry").config(env.config()).call().close();
        assertEquals("ml/registry\n", git.git(repo, "config", "gitmodel.branch").ok().stdout());
        try (Registry registry = Registry.open(repo, env.config())) {
            assertEquals("ml/registry", registry.branch());
            assertEquals(List.of(), registry.models());
        }
        try (Registry registry = Registry.open(repo.resolve("models"), env.config())) {
            assertEquals("ml/registry", registry.branch());
        }
    }

    @Test
    void initOnAnEmptyRepositoryPointsHeadAtTheRegistry() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("empty"));
        git.git(repo, "init", "-q", "--bare").ok();
        try (Registry registry = Registry.init(repo).config(env.config()).call()) {
            assertEquals("main", registry.branch());
        }
        assertEquals("refs/heads/main\n", git.git(repo, "--git-dir=" + repo, "symbolic-ref", "HEAD").ok().stdout());
        assertTrue(git.git(repo, "--git-dir=" + repo, "cat-file", "-e", "main:registry.yaml").exitCode() == 0);
    }

    @Test
    void newNonBareRegistryHasTheFilesCheckedOut() throws Exception {
        Path dir = tmp.resolve("reg");
        Registry.init(dir).config(env.config()).call().close();
        assertTrue(Files.isRegularFile(dir.resolve("registry.yaml")));
        assertEquals("", git.git(dir, "status", "--porcelain").ok().stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "stages/x", "requests/x", "a..b", "a b", "x.lock", "x/", "/x", "a~b", "a:b", "a^b", "a\\b", "a?b", "a[b"})
    void invalidRegistryBranchNames(String branch) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> Registry.init(tmp.resolve("reg")).branch(branch));
        assertEquals(branch, e.name());
        assertFalse(Files.exists(tmp.resolve("reg")));
    }

    @Test
    void branchNameStartingWithADashIsRejected() {
        assertThrows(InvalidNameException.class, () -> Registry.init(tmp.resolve("reg")).branch("-x"));
    }
}
