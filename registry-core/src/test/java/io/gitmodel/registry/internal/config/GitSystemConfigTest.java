package io.gitmodel.registry.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git's system configuration file, found as git finds it, without running git on every call. */
class GitSystemConfigTest {
    @TempDir
    Path tmp;

    private Map<String, String> env() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        return env;
    }

    @Test
    void gitConfigNoSystemMeansNoSystemFile() throws Exception {
        Map<String, String> env = env();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_SYSTEM", tmp.resolve("system").toString());
        assertEquals(Optional.empty(), GitSystemConfig.file(env, git -> {
            throw new AssertionError("git must not be asked");
        }));
    }

    @Test
    void gitConfigSystemNamesTheFileAndItsValuesAreRead() throws Exception {
        Path system = Files.writeString(tmp.resolve("gitconfig"), "[user]\n\tname = System User\n[gitmodel]\n\tfromSystem = yes\n");
        Map<String, String> env = env();
        env.put("GIT_CONFIG_SYSTEM", system.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "0"); // git reads "0" as false
        assertEquals(Optional.of(system), GitSystemConfig.file(env, git -> {
            throw new AssertionError("git must not be asked");
        }));
        Config config = new GitConfigLoader(env).load(null);
        assertEquals("System User", config.getString("user", null, "name"));
        assertTrue(config.getBoolean("gitmodel", null, "fromSystem", false));
    }

    @Test
    void gitIsAskedOncePerBinaryAndTheAnswerIsRemembered() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path git = Files.writeString(bin.resolve("git"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = env();
        env.put("PATH", bin.toString());
        AtomicInteger asked = new AtomicInteger();
        Path answer = tmp.resolve("prefix/etc/gitconfig");
        Function<Path, Optional<Path>> askGit = g -> {
            asked.incrementAndGet();
            return Optional.of(answer);
        };
        assertEquals(Optional.of(answer), GitSystemConfig.file(env, askGit));
        assertEquals(Optional.of(answer), GitSystemConfig.file(env, askGit));
        GitSystemConfig.forget(); // as a new process would: only the cache file knows
        assertEquals(Optional.of(answer), GitSystemConfig.file(env, askGit));
        assertEquals(1, asked.get(), "git is asked once; the cache answers after that");
        assertTrue(Files.readString(tmp.resolve("cache/git-model/git-system-config")).contains(answer.toString()));

        // another git binary (an upgrade) is asked again
        Files.writeString(git, "#!/bin/sh\n# upgraded\nexit 1\n");
        GitSystemConfig.forget();
        GitSystemConfig.file(env, askGit);
        assertEquals(2, asked.get());
    }

    @Test
    void withoutGitOnThePathGitsDefaultIsUsed() throws Exception {
        Map<String, String> env = env();
        env.put("PATH", Files.createDirectories(tmp.resolve("empty")).toString());
        assertEquals(Optional.of(Path.of("/etc/gitconfig")), GitSystemConfig.file(env, git -> {
            throw new AssertionError("no git to ask");
        }));
    }
}
