package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.NotARegistryException;
import io.gitmodel.registry.errors.UnsupportedFormatException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registry.open on things that are not (readable) registries. */
@IsolatedGit
class OpenRegistryTest {
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

    @Test
    void nonExistentDirectory() {
        Path missing = tmp.resolve("does/not/exist");
        NotARegistryException e = assertThrows(NotARegistryException.class, () -> Registry.open(missing, env.config()));
        assertEquals(missing, e.directory());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(missing), "open must not create the directory");
    }

    @Test
    void regularFileInsteadOfADirectory() throws Exception {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        NotARegistryException e = assertThrows(NotARegistryException.class, () -> Registry.open(file, env.config()));
        assertTrue(e.getMessage().contains("it is a file, not a directory"), e.getMessage());
    }

    @Test
    void plainDirectory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        NotARegistryException e = assertThrows(NotARegistryException.class, () -> Registry.open(dir, env.config()));
        assertEquals(dir, e.directory());
        assertTrue(e.getMessage().contains("not in a Git repository"), e.getMessage());
        assertTrue(e.getMessage().contains("git-model init " + dir), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "open must not create anything");
        }
    }

    @Test
    void gitRepositoryWithoutARegistry() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("code"));
        git.git(repo, "init", "-q").ok();
        Files.writeString(repo.resolve("train.py"), "print('hi')\n");
        git.git(repo, "add", "train.py").ok();
        git.git(repo, "commit", "-q", "-m", "code").ok();
        RepoState before = RepoState.capture(repo.resolve(".git"));

        NotARegistryException e = assertThrows(NotARegistryException.class, () -> Registry.open(repo, env.config()));
        assertTrue(e.getMessage().contains("is not a git-model registry"), e.getMessage());
        assertTrue(e.getMessage().contains("registry.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("git-model init"), e.getMessage());
        // from a subdirectory too
        Path sub = Files.createDirectories(repo.resolve("src"));
        assertThrows(NotARegistryException.class, () -> Registry.open(sub, env.config()));
        RepoState.assertUnchanged(before, repo.resolve(".git"));
    }

    @Test
    void emptyGitRepository() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("empty"));
        git.git(repo, "init", "-q").ok();
        NotARegistryException e = assertThrows(NotARegistryException.class, () -> Registry.open(repo, env.config()));
        assertTrue(e.getMessage().contains("has no branch 'main'"), e.getMessage());
        assertTrue(e.getMessage().contains("git-model init"), e.getMessage());
    }

    @Test
    void registryOfANewerFormat() throws Exception {
        Path dir = tmp.resolve("reg");
        Registry.init(dir).config(env.config()).call().close();
        Path yaml = dir.resolve("registry.yaml");
        assertTrue(Files.readString(yaml).contains("format: 1"), Files.readString(yaml));
        Files.writeString(yaml, "format: 2\nstages: {}\nsomething_new: true\n");
        git.git(dir, "commit", "-q", "-am", "upgrade to format 2").ok();

        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Registry.open(dir, env.config()));
        assertEquals(2, e.found());
        assertEquals(1, e.supported());
        assertTrue(e.getMessage().contains("format 2"), e.getMessage());
        assertTrue(e.getMessage().contains("upgrade git-model"), e.getMessage());
        // init on it must not "repair" it either
        assertThrows(UnsupportedFormatException.class, () -> Registry.init(dir).config(env.config()).call());
    }

    @Test
    void cloningARegistryOfANewerFormatFailsAndLeavesNothing() throws Exception {
        Path dir = tmp.resolve("newer");
        Registry.init(dir).config(env.config()).call().close();
        Files.writeString(dir.resolve("registry.yaml"), "format: 2\nstages: {}\n");
        git.git(dir, "commit", "-q", "-am", "upgrade to format 2").ok();
        Path target = tmp.resolve("clone");
        assertThrows(UnsupportedFormatException.class, () -> Registry.cloneFrom(dir.toString(), target).config(env.config()).call());
        assertFalse(Files.exists(target), "a clone that cannot be read is removed, as git clone removes a failed one");
    }

    @Test
    void registryYamlWithABadFormatValue() throws Exception {
        Path dir = tmp.resolve("reg");
        Registry.init(dir).config(env.config()).call().close();
        for (String bad : new String[] {"format: 0\n", "format: \"1\"\n", "stages: {}\n", "format: 1.5\n", "- format: 1\n",
                "format: &a 1\n"}) {
            Files.writeString(dir.resolve("registry.yaml"), bad);
            git.git(dir, "commit", "-q", "-am", "break it").ok();
            CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> Registry.open(dir, env.config()), bad);
            assertEquals("main:registry.yaml", e.file());
            assertTrue(e.getMessage().contains("registry.yaml"), e.getMessage());
        }
    }

    @Test
    void registryBranchWithoutRegistryYaml() throws Exception {
        Path dir = tmp.resolve("reg");
        Registry.init(dir).config(env.config()).call().close();
        git.git(dir, "rm", "-q", "registry.yaml").ok();
        git.git(dir, "commit", "-q", "-m", "remove").ok();
        NotARegistryException e = assertThrows(NotARegistryException.class, () -> Registry.open(dir, env.config()));
        assertTrue(e.getMessage().contains("has no registry.yaml"), e.getMessage());
    }

    @Test
    void opensFromASubdirectoryOfTheWorkingTree() throws Exception {
        Path dir = tmp.resolve("reg");
        Registry.init(dir).config(env.config()).call().close();
        Path sub = Files.createDirectories(dir.resolve("models"));
        try (Registry r = Registry.open(sub, env.config())) {
            assertEquals(dir, r.directory());
            assertEquals("main", r.branch());
        }
    }
}
