package io.gitmodel.registry.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git configuration is read from the files git reads, through the given environment: never from
 * the JVM's {@code user.home} when {@code HOME} says otherwise. Where git is installed, the
 * identity is cross-checked with {@code git var GIT_AUTHOR_IDENT} in the same environment.
 */
class GitConfigLoaderTest {
    @TempDir
    Path tmp;
    Path home;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("XDG_CONFIG_HOME", tmp.resolve("xdg-unused").toString());
    }

    private static String user(String name, String email) {
        return "[user]\n\tname = " + name + "\n\temail = " + email + "\n";
    }

    private Person identity(Path gitDir) throws Exception {
        Config config = new GitConfigLoader(env).load(gitDir);
        return IdentityResolver.resolve(Optional.empty(), env, config);
    }

    /** The identity git itself derives in the same environment, as {@code Name <email>}. */
    private String gitIdentity(Path dir) {
        GitCli.Result r = new GitCli(env).git(dir, "var", "GIT_AUTHOR_IDENT").ok();
        String ident = r.stdout().strip();
        return ident.substring(0, ident.indexOf('>') + 1);
    }

    private Path initRepo(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        new GitCli(env).git(dir, "init", "-q").ok();
        return dir.resolve(".git");
    }

    @Test
    void homeComesFromTheEnvironmentNotTheJvm() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), user("Xavier Home", "x@home.example"));
        Path jvmHome = Files.createDirectories(tmp.resolve("jvm-home"));
        Files.writeString(jvmHome.resolve(".gitconfig"), user("Wrong Jvm", "wrong@jvm.example"));
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", jvmHome.toString());
        try {
            assertEquals(home, new GitConfigLoader(env).home());
            assertEquals(new Person("Xavier Home", "x@home.example"), identity(null));
        } finally {
            System.setProperty("user.home", saved);
        }
        assertTrue(!home.toString().equals(System.getProperty("user.home")));
        if (GitCli.hasGit()) {
            assertEquals("Xavier Home <x@home.example>", gitIdentity(tmp));
        }
    }

    @Test
    void withoutHomeTheJvmHomeIsUsed() throws Exception {
        Path jvmHome = Files.createDirectories(tmp.resolve("jvm-home"));
        Files.writeString(jvmHome.resolve(".gitconfig"), user("Jvm User", "jvm@example.com"));
        env.remove("HOME");
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", jvmHome.toString());
        try {
            assertEquals(jvmHome, new GitConfigLoader(env).home());
            assertEquals(new Person("Jvm User", "jvm@example.com"), identity(null));
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    @Test
    void gitConfigGlobalReplacesTheHomeFiles() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), user("Home User", "home@example.com") + "[core]\n\tabbrev = 9\n");
        Path global = Files.writeString(tmp.resolve("global.cfg"), user("Global User", "global@example.com"));
        env.put("GIT_CONFIG_GLOBAL", global.toString());
        Config config = new GitConfigLoader(env).load(null);
        assertEquals("Global User", config.getString("user", null, "name"));
        assertNull(config.getString("core", null, "abbrev"), "~/.gitconfig must not be read at all");
        assertEquals(new Person("Global User", "global@example.com"), identity(null));
        if (GitCli.hasGit()) {
            assertEquals("Global User <global@example.com>", gitIdentity(tmp));
        }
    }

    @Test
    void xdgConfigIsReadAndHomeGitconfigWinsOverIt() throws Exception {
        Path xdg = tmp.resolve("xdg");
        Files.createDirectories(xdg.resolve("git"));
        Files.writeString(xdg.resolve("git/config"), user("Xdg User", "xdg@example.com") + "[gitmodel]\n\tfromxdg = yes\n");
        env.put("XDG_CONFIG_HOME", xdg.toString());
        assertEquals(new Person("Xdg User", "xdg@example.com"), identity(null));
        if (GitCli.hasGit()) {
            assertEquals("Xdg User <xdg@example.com>", gitIdentity(tmp));
        }

        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Home User\n");
        Config config = new GitConfigLoader(env).load(null);
        assertEquals("yes", config.getString("gitmodel", null, "fromxdg"));
        assertEquals(new Person("Home User", "xdg@example.com"), identity(null));
        if (GitCli.hasGit()) {
            assertEquals("Home User <xdg@example.com>", gitIdentity(tmp));
        }
    }

    @Test
    void xdgDefaultsToHomeDotConfig() throws Exception {
        env.remove("XDG_CONFIG_HOME");
        Files.createDirectories(home.resolve(".config/git"));
        Files.writeString(home.resolve(".config/git/config"), user("Dot Config", "dot@example.com"));
        assertEquals(new Person("Dot Config", "dot@example.com"), identity(null));
    }

    @Test
    void repositoryConfigOverridesGlobal() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), user("Global User", "global@example.com"));
        Path gitDir = initRepo("repo");
        new GitCli(env).git(gitDir.getParent(), "config", "user.name", "Repo User").ok();
        assertEquals(new Person("Repo User", "global@example.com"), identity(gitDir));
        assertEquals(new Person("Global User", "global@example.com"), identity(null));
        if (GitCli.hasGit()) {
            assertEquals("Repo User <global@example.com>", gitIdentity(gitDir.getParent()));
        }
    }

    @Test
    void systemConfigIsReadUnlessDisabled() throws Exception {
        Path system = Files.writeString(tmp.resolve("system.cfg"), user("System User", "system@example.com"));
        env.remove("GIT_CONFIG_NOSYSTEM");
        env.put("GIT_CONFIG_SYSTEM", system.toString());
        assertEquals(new Person("System User", "system@example.com"), identity(null));
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Global User\n");
        assertEquals(new Person("Global User", "system@example.com"), identity(null));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        assertThrows(RegistryConfigurationException.class, () -> identity(null));
    }

    @Test
    void authorEnvironmentOverridesConfig() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), user("Config User", "config@example.com")
                + "[author]\n\tname = Config Author\n");
        assertEquals(new Person("Config Author", "config@example.com"), identity(null));
        env.put("GIT_AUTHOR_NAME", "Env Author");
        assertEquals(new Person("Env Author", "config@example.com"), identity(null));
        env.put("GIT_AUTHOR_EMAIL", "env@example.com");
        assertEquals(new Person("Env Author", "env@example.com"), identity(null));
        if (GitCli.hasGit()) {
            assertEquals("Env Author <env@example.com>", gitIdentity(tmp));
        }
    }

    @Test
    void gitConfigCountEntries() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), user("Config User", "config@example.com"));
        env.put("GIT_CONFIG_COUNT", "2");
        env.put("GIT_CONFIG_KEY_0", "user.name");
        env.put("GIT_CONFIG_VALUE_0", "Count User");
        env.put("GIT_CONFIG_KEY_1", "gitmodel.sub.section.key");
        env.put("GIT_CONFIG_VALUE_1", "v");
        Config config = new GitConfigLoader(env).load(null);
        assertEquals("v", config.getString("gitmodel", "sub.section", "key"));
        assertEquals(new Person("Count User", "config@example.com"), identity(null));
        if (GitCli.hasGit()) {
            assertEquals("Count User <config@example.com>", gitIdentity(tmp));
        }
    }

    @Test
    void gitConfigCountEntriesOverrideRepositoryConfig() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), user("Config User", "config@example.com"));
        Path gitDir = initRepo("repo");
        new GitCli(env).git(gitDir.getParent(), "config", "user.email", "repo@example.com").ok();
        env.put("GIT_CONFIG_COUNT", "1");
        env.put("GIT_CONFIG_KEY_0", "user.email");
        env.put("GIT_CONFIG_VALUE_0", "count@example.com");
        assertEquals(new Person("Config User", "count@example.com"), identity(gitDir));
    }

    @Test
    void malformedGitConfigCountIsAnError() {
        env.put("GIT_CONFIG_COUNT", "one");
        assertThrows(ConfigInvalidException.class, () -> new GitConfigLoader(env).load(null));
        env.put("GIT_CONFIG_COUNT", "1");
        assertThrows(ConfigInvalidException.class, () -> new GitConfigLoader(env).load(null));
        env.put("GIT_CONFIG_KEY_0", "nodot");
        env.put("GIT_CONFIG_VALUE_0", "x");
        assertThrows(ConfigInvalidException.class, () -> new GitConfigLoader(env).load(null));
    }

    @Test
    void includesAreFollowedRelativeToTheIncludingFile() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), "[include]\n\tpath = .gitconfig-identity\n");
        Files.writeString(home.resolve(".gitconfig-identity"), user("Included User", "inc@example.com"));
        assertEquals(new Person("Included User", "inc@example.com"), identity(null));
        if (GitCli.hasGit()) {
            assertEquals("Included User <inc@example.com>", gitIdentity(tmp));
        }
    }

    @Test
    void noIdentityAnywhere() {
        RegistryConfigurationException e = assertThrows(RegistryConfigurationException.class, () -> identity(null));
        assertTrue(e.getMessage().contains("git config --global user.name"), e.getMessage());
        assertTrue(e.getMessage().contains("GIT_AUTHOR_NAME"), e.getMessage());
    }

    @Test
    void emailVariableIsTheLastResortForTheEmail() throws Exception {
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Name Only\n");
        assertThrows(RegistryConfigurationException.class, () -> identity(null));
        env.put("EMAIL", "fallback@example.com");
        assertEquals(new Person("Name Only", "fallback@example.com"), identity(null));
    }

    @Test
    void overrideWins() throws Exception {
        Person override = new Person("Override", "o@example.com");
        assertEquals(override, IdentityResolver.resolve(Optional.of(override), env, new Config()));
    }
}
