package io.gitmodel.registry.internal.sign;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a helper program (gpg, ssh-keygen) with input on stdin, collecting stdout and stderr. */
final class Processes {
    record Result(int exitCode, byte[] stdout, String stderr) {
    }

    private Processes() {
    }

    static Result run(List<String> command, Map<String, String> env, byte[] input, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path err = Files.createTempFile("git-model-", ".stderr");
        try {
            pb.redirectError(err.toFile());
            Process p = pb.start();
            Thread feeder = new Thread(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(input);
                } catch (IOException ignore) {
                    // the program exited early; its exit code and stderr say why
                }
            }, "stdin-" + command.get(0));
            feeder.setDaemon(true);
            feeder.start();
            byte[] out;
            try (InputStream stdout = p.getInputStream()) {
                out = stdout.readAllBytes();
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
