package io.gitmodel.registry.testing;

import io.gitmodel.registry.RegistryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An isolated user environment for tests: its own HOME with a .gitconfig naming a test user, no
 * system config, and a clock that starts at a fixed instant and advances one second per reading.
 * Tests get one per test from {@link IsolatedGitEnvironment} (annotate the class {@link IsolatedGit}
 * and take a {@code TestEnv} parameter).
 */
public final class TestEnv {
    public static final Instant START = Instant.parse("2026-03-14T10:00:00Z");

    private final Path dir;
    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private final AtomicLong ticks = new AtomicLong();

    /** Sets up the environment in {@code root}: HOME is {@code root/home}, the rest of {@code root} is the test's. */
    public TestEnv(Path root) throws IOException {
        this.dir = root;
        this.home = Files.createDirectories(root.resolve("home"));
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Ada Tester\n\temail = ada@example.com\n"
                + "[init]\n\tdefaultBranch = main\n[protocol \"file\"]\n\tallow = always\n");
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("LANG", "C");
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    }

    /** The test's temporary directory, which holds {@link #home()} and whatever the test makes. */
    public Path dir() {
        return dir;
    }

    public Path home() {
        return home;
    }

    public Map<String, String> env() {
        return env;
    }

    public GitCli git() {
        return new GitCli(env);
    }

    /** A clock that ticks one second per call, starting at {@link #START}. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return START.plus(Duration.ofSeconds(ticks.getAndIncrement()));
            }
        };
    }

    /**
     * Makes an ed25519 key with the real ssh-keygen and configures git (in this HOME) to sign
     * with it and to trust it: gpg.format=ssh, user.signingKey, gpg.ssh.allowedSignersFile.
     *
     * @return the private key file
     */
    public Path configureSshSigning(String name) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(home.resolve(".ssh"));
        Path key = dir.resolve(name);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ada@example.com", "-f", key.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed");
        }
        return configureSshSigningWith(key);
    }

    /**
     * Configures git (in this HOME) to sign with an existing SSH key, whose public key is beside it
     * as {@code key.pub}, and to trust it: gpg.format=ssh, user.signingKey, and the key added to
     * {@code ~/.ssh/allowed_signers} for ada@example.com, named by gpg.ssh.allowedSignersFile.
     *
     * @return {@code key}
     */
    public Path configureSshSigningWith(Path key) throws IOException {
        String pub = Files.readString(Path.of(key + ".pub")).trim();
        Path allowed = Files.createDirectories(home.resolve(".ssh")).resolve("allowed_signers");
        Files.writeString(allowed, "ada@example.com namespaces=\"git\" " + pub + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(home.resolve(".gitconfig"), "[gpg]\n\tformat = ssh\n[user]\n\tsigningKey = " + key
                + "\n[gpg \"ssh\"]\n\tallowedSignersFile = " + allowed + "\n", java.nio.file.StandardOpenOption.APPEND);
        return key;
    }

    public static boolean hasSshKeygen() {
        return GitCli.available("ssh-keygen", "-?") || new java.io.File("/usr/bin/ssh-keygen").canExecute();
    }

    public RegistryConfig config() {
        return RegistryConfig.builder().environment(env).clock(clock()).captureSource(false).build();
    }
}
