package io.gitmodel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Throwaway SSH signing keys for the demo registry, made with the real ssh-keygen. */
final class DemoKeys {
    private DemoKeys() {
    }

    /** ssh-keygen on the {@code PATH} of {@code env}, if there is one. */
    static Optional<Path> sshKeygen(Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "ssh-keygen");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Makes an ed25519 key pair without a passphrase: {@code dir/name} and {@code dir/name.pub}. */
    static Path make(Path sshKeygen, Path dir, String name, String comment) throws IOException {
        Path key = dir.resolve(name);
        try {
            Process p = new ProcessBuilder(sshKeygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("ssh-keygen failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the demo key " + key, e);
        }
        return key;
    }
}
