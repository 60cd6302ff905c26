package io.gitmodel.registry.testing;

import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process to be killed in the middle of an artifact transfer:
 * {@code TransferMain push|pull <registryDir> <remote>} or {@code TransferMain clone <url> <dir>} (bare). Once it has moved 1 MiB of an artifact
 * larger than 8 MiB it creates the file {@code -Dtransfermain.midway=<file>} and from then on
 * slows down (20 ms per buffer), so the parent can kill it at a known point mid-transfer. Without
 * that property it runs at full speed and exits 1 with the error on stderr if the transfer fails.
 */
public final class TransferMain {
    public static final String MIDWAY = "transfermain.midway";

    private TransferMain() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TransferMain push|pull <registryDir> <remote> | clone <url> <dir>");
            System.exit(2);
        }
        Path midway = System.getProperty(MIDWAY) == null ? null : Path.of(System.getProperty(MIDWAY));
        ProgressListener slowAfterOneMiB = (task, done, total) -> {
            if (midway != null && total > 8 << 20 && done >= 1 << 20) {
                try {
                    if (!Files.exists(midway)) {
                        // whole or not at all: the parent reads it as soon as it exists
                        Path partial = midway.resolveSibling(midway.getFileName() + ".part");
                        Files.writeString(partial, task);
                        Files.move(partial, midway, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                    Thread.sleep(20);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        if (args[0].equals("clone")) {
            try (Registry clone = Registry.cloneFrom(args[1], Path.of(args[2])).bare(true).progress(slowAfterOneMiB)
                    .config(RegistryConfig.builder().captureSource(false).build()).call()) {
                System.exit(0);
            } catch (Throwable e) {
                System.err.println("TransferMain failed: " + e);
                System.exit(1);
            }
        }
        try (Registry registry = Registry.open(Path.of(args[1]), RegistryConfig.builder().captureSource(false).build())) {
            switch (args[0]) {
                case "push" -> registry.push(args[2]).progress(slowAfterOneMiB).call();
                case "pull" -> registry.pull(args[2]).progress(slowAfterOneMiB).call();
                case "clone" -> throw new AssertionError("handled above");
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("TransferMain failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }
}
