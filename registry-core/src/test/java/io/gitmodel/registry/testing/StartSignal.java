package io.gitmodel.registry.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The start barrier of the child processes of multi-process tests: a child announces that it is
 * ready by creating its ready file, then waits for the go file, so that the parent can release
 * several children at the same instant.
 */
final class StartSignal {
    private StartSignal() {
    }

    /**
     * Creates {@code ready} (if not null) holding this process's pid, then waits until {@code go}
     * exists (returns at once if it is null).
     */
    static void await(String ready, String go, Duration timeout) throws Exception {
        if (ready != null) {
            Files.writeString(Path.of(ready), Long.toString(ProcessHandle.current().pid()));
        }
        if (go == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(Path.of(go))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("start signal " + go + " did not come within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(2);
        }
    }
}
