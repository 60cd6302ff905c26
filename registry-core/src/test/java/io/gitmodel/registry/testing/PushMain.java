package io.gitmodel.registry.testing;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.TransportException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A child process for multi-process push tests:
 * {@code PushMain <remoteUrl> <cloneDir> <model> <count> <artifactFile>} clones the remote, waits
 * for the start signal ({@code -Dpushmain.go=<file>}, after creating {@code -Dpushmain.ready=<file>}),
 * registers {@code count} versions of {@code model} (tag {@code writer=<pid>}, metric {@code i}),
 * then pushes the way a team member would: on a refused push, pull (which renumbers the
 * unpublished versions) and push again. Prints one line per pull that renumbered something and
 * {@code pushed after <n> attempts}. Exits 0 on success, 1 on failure.
 */
public final class PushMain {
    public static final String READY = "pushmain.ready";
    public static final String GO = "pushmain.go";
    private static final int MAX_ATTEMPTS = 40;

    private PushMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 5) {
            System.err.println("usage: PushMain <remoteUrl> <cloneDir> <model> <count> <artifactFile>");
            System.exit(2);
        }
        try {
            RegistryConfig config = RegistryConfig.builder().captureSource(false).build();
            try (Registry registry = Registry.cloneFrom(args[0], Path.of(args[1])).bare(true).config(config).call()) {
                awaitGo();
                String who = "pid-" + ProcessHandle.current().pid();
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    registry.register(args[2]).artifact(Path.of(args[4])).metric("i", i).tag("writer", who).call();
                }
                for (int attempt = 1; ; attempt++) {
                    try {
                        registry.push("origin").call();
                        out.println("pushed after " + attempt + " attempts");
                        break;
                    } catch (TransportException refused) {
                        if (attempt == MAX_ATTEMPTS) {
                            throw refused;
                        }
                        System.err.println("attempt " + attempt + ": " + refused.getMessage());
                        Thread.sleep(ThreadLocalRandom.current().nextInt(5, 50));
                        pullUntilItWorks(registry, out);
                    }
                }
            }
            out.flush();
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("PushMain failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private static void pullUntilItWorks(Registry registry, PrintStream out) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                TransferResult pulled = registry.pull("origin").call();
                if (!pulled.renumbered().isEmpty()) {
                    out.println("renumbered " + pulled.renumbered());
                }
                return;
            } catch (TransportException e) {
                // the remote moved while we were fetching: try again
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                System.err.println("pull attempt " + attempt + ": " + e.getMessage());
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 50));
            }
        }
    }

    private static void awaitGo() throws Exception {
        StartSignal.await(System.getProperty(READY), System.getProperty(GO), java.time.Duration.ofSeconds(120));
    }
}
