package io.gitmodel.registry;

/**
 * Receives progress of long operations (storing, exporting and transferring artifacts) so a
 * terminal can draw a progress bar. Called from the thread running the command.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores all progress. */
    ProgressListener NONE = (task, done, total) -> {
    };

    /**
     * @param task what is being done, e.g. {@code storing model.onnx}
     * @param done bytes done so far in this task
     * @param total bytes in this task, or -1 if unknown
     */
    void update(String task, long done, long total);
}
