package io.gitmodel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway SSH signing key for the demo registry, made with the real ssh-keygen and set in the
 * demo repository's own config (gpg.format, user.signingKey, gpg.ssh.allowedSignersFile), so
 * that both git-model and {@code git verify-commit} accept its stage commits there.
 */
final class DemoKeys {
    private DemoKeys() {
    }

    static boolean sshKeygenAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "ssh-keygen"))) {
                return true;
            }
        }
        return false;
    }

    static void configure(Path gitDir, String email) throws IOException {
        Path key = gitDir.resolve("git-model-demo-key");
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", email, "-f", key.toString())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("ssh-keygen failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the demo key", e);
        }
        String publicKey = Files.readString(gitDir.resolve("git-model-demo-key.pub"), StandardCharsets.UTF_8).strip();
        Path allowed = gitDir.resolve("git-model-demo-allowed-signers");
        Files.writeString(allowed, email + " namespaces=\"git\" " + publicKey + "\n", StandardCharsets.UTF_8);
        String config = Files.readString(gitDir.resolve("config"), StandardCharsets.UTF_8)
                + "[gpg]\n\tformat = ssh\n[user]\n\tsigningKey = " + key + "\n[gpg \"ssh\"]\n\tallowedSignersFile = " + allowed + "\n";
        Files.writeString(gitDir.resolve("config"), config, StandardCharsets.UTF_8);
    }
}
