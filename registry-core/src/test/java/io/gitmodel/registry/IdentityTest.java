package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RepoState;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who registers a version: the identity git would use, taken from the configured environment. */
@IsolatedGit
class IdentityTest {
    Path tmp;
    TestEnv env;
    Path artifact;

    @BeforeAll
    static void requireGit() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
    }

    @BeforeEach
    void setUp(TestEnv env) throws Exception {
        this.env = env;
        tmp = env.dir();
        artifact = Files.writeString(tmp.resolve("model.bin"), "weights");
    }

    private RegistryConfig config(Map<String, String> environment) {
        return RegistryConfig.builder().environment(environment).clock(env.clock()).captureSource(false).build();
    }

    private String gitAuthor(Registry registry, String rev) {
        Path gitDir = registry.gitDirectory();
        return env.git().git(gitDir, "--git-dir=" + gitDir, "log", "-1", "--format=%an <%ae>|%cn <%ce>", rev).ok().stdout().strip();
    }

    @Test
    void identityComesFromHomeNotFromTheJvmUserHome() throws Exception {
        assertTrue(!env.home().toString().equals(System.getProperty("user.home")));
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call()) {
            ModelVersion v = registry.register("fraud").artifact(artifact).call();
            assertEquals("Ada Tester <ada@example.com>", v.createdBy().toString());
            assertEquals("Ada Tester <ada@example.com>|Ada Tester <ada@example.com>", gitAuthor(registry, "fraud@v1"));
            String tagger = env.git().git(registry.gitDirectory(), "--git-dir=" + registry.gitDirectory(), "for-each-ref",
                    "--format=%(taggername) %(taggeremail)", "refs/tags/fraud@v1").ok().stdout().strip();
            assertEquals("Ada Tester <ada@example.com>", tagger);
        }
    }

    @Test
    void authorEnvironmentVariablesWin() throws Exception {
        Map<String, String> e = new HashMap<>(env.env());
        e.put("GIT_AUTHOR_NAME", "Grace Env");
        e.put("GIT_AUTHOR_EMAIL", "grace@example.com");
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(config(e)).call()) {
            ModelVersion v = registry.register("fraud").artifact(artifact).call();
            assertEquals("Grace Env <grace@example.com>", v.createdBy().toString());
            assertEquals("Grace Env <grace@example.com>", gitAuthor(registry, "fraud@v1").split("\\|")[0]);
        }
    }

    @Test
    void repositoryConfigWinsOverGlobal() throws Exception {
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(env.config()).call()) {
            Path gitDir = registry.gitDirectory();
            env.git().git(gitDir, "--git-dir=" + gitDir, "config", "user.name", "Repo Person").ok();
            env.git().git(gitDir, "--git-dir=" + gitDir, "config", "user.email", "repo@example.com").ok();
            ModelVersion v = registry.register("fraud").artifact(artifact).call();
            assertEquals("Repo Person <repo@example.com>", v.createdBy().toString());
        }
    }

    @Test
    void explicitCreatedByAndConfiguredIdentityOverride() throws Exception {
        RegistryConfig withIdentity = env.config().toBuilder().identity(new Person("Config Person", "cfg@example.com")).build();
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(withIdentity).call()) {
            assertEquals("Config Person <cfg@example.com>", registry.register("fraud").artifact(artifact).call().createdBy().toString());
            assertEquals("Call Person <call@example.com>", registry.register("fraud").artifact(artifact)
                    .createdBy(new Person("Call Person", "call@example.com")).call().createdBy().toString());
        }
    }

    @Test
    void noIdentityAnywhereFailsClearlyAndChangesNothing() throws Exception {
        Path emptyHome = Files.createDirectories(tmp.resolve("empty-home"));
        Map<String, String> e = new HashMap<>();
        e.put("HOME", emptyHome.toString());
        e.put("GIT_CONFIG_NOSYSTEM", "1");
        e.put("XDG_CONFIG_HOME", emptyHome.resolve(".config").toString());
        Path dir = tmp.resolve("reg");
        // create the registry with a known identity, then reopen it as a user without one
        Registry.init(dir).bare(true).config(env.config()).call().close();
        try (Registry registry = Registry.open(dir, config(e))) {
            RepoState before = RepoState.capture(registry.gitDirectory());
            RegistryConfigurationException ex = assertThrows(RegistryConfigurationException.class,
                    () -> registry.register("fraud").artifact(artifact).call());
            assertTrue(ex.getMessage().contains("git config --global user.name"), ex.getMessage());
            assertTrue(ex.getMessage().contains("git config --global user.email"), ex.getMessage());
            RepoState.assertUnchanged(before, registry.gitDirectory());
        }
    }

    @Test
    void initWithoutIdentityStillWorks() throws Exception {
        Path emptyHome = Files.createDirectories(tmp.resolve("empty-home"));
        Map<String, String> e = Map.of("HOME", emptyHome.toString(), "GIT_CONFIG_NOSYSTEM", "1");
        try (Registry registry = Registry.init(tmp.resolve("reg")).bare(true).config(config(e)).call()) {
            assertEquals("git-model <git-model@localhost>", gitAuthor(registry, "main").split("\\|")[0]);
        }
    }
}
