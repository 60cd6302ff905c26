package io.gitmodel.registry.testing;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Several people working on one registry, each a real git user: their own HOME and
 * {@code .gitconfig} (name, email, signing key made with the real ssh-keygen or gpg), so a
 * registry opened as one of them signs and acts as that person. They share the test's clock.
 */
public final class Team {
    private final TestEnv env;
    private final java.time.Clock clock;

    /** A team on the test's ticking clock (one second per reading, from {@link TestEnv#START}). */
    public Team(TestEnv env) {
        this(env, env.clock());
    }

    /** A team on {@code clock}: the real one when commits are also made with the git CLI (dated now). */
    public Team(TestEnv env, java.time.Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /**
     * One person.
     *
     * @param key the SSH private key (null for OpenPGP or unsigned people)
     * @param publicKey the file {@code signers add} takes: the SSH {@code .pub} or the armoured OpenPGP key
     * @param fingerprint {@code SHA256:...} for SSH, the 40-hex fingerprint for OpenPGP, empty if unsigned
     */
    public record Member(String name, String email, Map<String, String> env, Path home, Path key, Path publicKey,
            String fingerprint, java.time.Clock clock) {
        public RegistryConfig config() {
            return RegistryConfig.builder().environment(env).clock(clock).captureSource(false).build();
        }

        public Registry open(Path registry) throws RegistryException {
            return Registry.open(registry, config());
        }

        public GitCli git() {
            return new GitCli(env);
        }

        public Person person() {
            return new Person(name, email);
        }
    }

    /** A person who signs with a fresh ed25519 SSH key. */
    public Member ssh(String name) throws IOException, InterruptedException {
        Path home = home(name);
        Path key = SshKeys.generate(home.resolve(".ssh"), "id_ed25519", "ed25519", email(name));
        append(home, "[gpg]\n\tformat = ssh\n[user]\n\tsigningKey = " + key + "\n");
        return new Member(name, email(name), envFor(home, null), home, key, SshKeys.publicKey(key), SshKeys.fingerprint(key),
                clock);
    }

    /** A person who signs with a fresh OpenPGP key in {@code keys} (gpg's own keyring). */
    public Member openpgp(String name, GpgKeys keys) throws IOException, InterruptedException {
        Path home = home(name);
        String fingerprint = keys.generate(name + " <" + email(name) + ">", "ed25519");
        append(home, "[gpg]\n\tformat = openpgp\n[user]\n\tsigningKey = " + fingerprint + "\n");
        Path pub = home.resolve(name + ".asc");
        Files.writeString(pub, keys.exportArmored(fingerprint), StandardCharsets.UTF_8);
        return new Member(name, email(name), envFor(home, keys.home()), home, null, pub, fingerprint, clock);
    }

    /** A person without a signing key. */
    public Member unsigned(String name) throws IOException {
        Path home = home(name);
        return new Member(name, email(name), envFor(home, null), home, null, null, "", clock);
    }

    private Path home(String name) throws IOException {
        Path home = Files.createDirectories(env.dir().resolve("people").resolve(name));
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = " + name + "\n\temail = " + email(name)
                + "\n[init]\n\tdefaultBranch = main\n[protocol \"file\"]\n\tallow = always\n", StandardCharsets.UTF_8);
        return home;
    }

    private static String email(String name) {
        return name.toLowerCase(java.util.Locale.ROOT) + "@example.com";
    }

    private static void append(Path home, String config) throws IOException {
        Files.writeString(home.resolve(".gitconfig"), config, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private Map<String, String> envFor(Path home, Path gnupgHome) {
        Map<String, String> e = new HashMap<>(env.env());
        e.put("HOME", home.toString());
        e.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        if (gnupgHome != null) {
            e.put("GNUPGHOME", gnupgHome.toString());
        }
        return e;
    }
}
