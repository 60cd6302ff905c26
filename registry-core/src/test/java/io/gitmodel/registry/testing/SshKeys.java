package io.gitmodel.registry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * SSH signing keys made with the real {@code ssh-keygen}, and the Git configuration that signs
 * and verifies with them, for tests that need key types other than {@link TestEnv#configureSshSigning}'s
 * ed25519, or several keys.
 */
public final class SshKeys {
    private SshKeys() {
    }

    /**
     * Makes a key pair without passphrase: {@code type} is {@code ed25519} or {@code rsa} (3072 bits).
     *
     * @return the private key file; the public key is next to it with {@code .pub}
     */
    public static Path generate(Path dir, String name, String type, String comment) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path key = dir.resolve(name);
        List<String> command = type.equals("rsa")
                ? List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-C", comment, "-f", key.toString())
                : List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", comment, "-f", key.toString());
        run(command);
        return key;
    }

    public static Path publicKey(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    /** The key's SHA256 fingerprint as ssh-keygen prints it, e.g. {@code SHA256:abc...}. */
    public static String fingerprint(Path key) throws IOException, InterruptedException {
        String out = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey(key).toString()));
        return out.trim().split("\\s+")[1];
    }

    /** Adds {@code principal} with the key to an allowed-signers file (namespace git). */
    public static void allow(Path allowedSigners, String principal, Path key) throws IOException {
        String pub = Files.readString(publicKey(key), StandardCharsets.UTF_8).trim();
        Files.writeString(allowedSigners, principal + " namespaces=\"git\" " + pub + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Appends gpg.format=ssh, user.signingKey and gpg.ssh.allowedSignersFile to the HOME's .gitconfig. */
    public static void configure(TestEnv env, Path key, Path allowedSigners) throws IOException {
        Files.writeString(env.home().resolve(".gitconfig"), "[gpg]\n\tformat = ssh\n[user]\n\tsigningKey = " + key
                + "\n[gpg \"ssh\"]\n\tallowedSignersFile = " + allowedSigners + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    /**
     * Makes a key of {@code type} for principal {@code ada@example.com}, trusts it in
     * {@code ~/.ssh/allowed_signers} and signs with it: the SSH counterpart of a fresh developer setup.
     */
    public static Path configureSigning(TestEnv env, String type) throws IOException, InterruptedException {
        Path ssh = env.home().resolve(".ssh");
        Path key = generate(ssh, "id_" + type, type, "ada@example.com");
        Path allowed = ssh.resolve("allowed_signers");
        allow(allowed, "ada@example.com", key);
        configure(env, key, allowed);
        return key;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }
}
