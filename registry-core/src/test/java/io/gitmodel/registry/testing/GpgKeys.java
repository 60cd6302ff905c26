package io.gitmodel.registry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * OpenPGP keys made with the real {@code gpg} in a throwaway GNUPGHOME under {@code /tmp} (short,
 * because gpg-agent's socket path is limited to about 100 characters). {@link #close()} stops the
 * gpg-agent started for it and deletes the directory.
 */
public final class GpgKeys implements AutoCloseable {
    private final Path home;

    private GpgKeys(Path home) {
        this.home = home;
    }

    public static boolean available() {
        return GitCli.available("gpg", "--version") && GitCli.available("gpgconf", "--version");
    }

    public static GpgKeys create() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "gpg");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (dir.toString().length() > 60) {
            throw new IOException("GNUPGHOME " + dir + " is too long for gpg-agent's socket");
        }
        return new GpgKeys(dir);
    }

    /** The GNUPGHOME directory. */
    public Path home() {
        return home;
    }

    /**
     * Generates a signing key without passphrase: {@code algo} as gpg's quick-gen-key takes it,
     * e.g. {@code rsa3072} or {@code ed25519}.
     *
     * @return the key's fingerprint (40 upper-case hex digits)
     */
    public String generate(String userId, String algo) throws IOException, InterruptedException {
        String out = gpg("--batch", "--status-fd", "1", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", userId, algo, "sign", "never");
        for (String line : out.split("\n")) {
            if (line.startsWith("[GNUPG:] KEY_CREATED ")) {
                return line.trim().split(" ")[3];
            }
        }
        throw new IOException("gpg did not report KEY_CREATED:\n" + out);
    }

    /** Runs gpg with this GNUPGHOME, returning stdout (stderr is appended on failure). */
    public String gpg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("gpg");
        command.addAll(List.of(args));
        return run(command);
    }

    /** The armoured public key, as {@code gpg --armor --export} writes it. */
    public String exportArmored(String fingerprint) throws IOException, InterruptedException {
        return gpg("--armor", "--export", fingerprint);
    }

    /** {@code base} plus GNUPGHOME pointing here. */
    public Map<String, String> env(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        env.put("GNUPGHOME", home.toString());
        return env;
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("GNUPGHOME", home.toString());
        pb.environment().put("LANG", "C");
        Path err = Files.createTempFile("gpg-err", ".txt");
        try {
            pb.redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(command + " failed with " + p.exitValue() + ":\n" + Files.readString(err) + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Stops this GNUPGHOME's gpg-agent and deletes the directory. */
    @Override
    public void close() throws IOException {
        try {
            run(List.of("gpgconf", "--kill", "gpg-agent"));
        } catch (IOException | InterruptedException e) {
            // no agent was started, or it is gone already
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (Files.exists(home)) {
            try (Stream<Path> walk = Files.walk(home)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignore) {
                // a socket the agent removes while we walk; the rest is gone or harmless in /tmp
            }
        }
    }
}
