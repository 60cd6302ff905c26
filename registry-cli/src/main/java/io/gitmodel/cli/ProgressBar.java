package io.gitmodel.cli;

import io.gitmodel.registry.ProgressListener;
import java.io.PrintWriter;

/**
 * Draws a one-line progress bar (bytes, rate, ETA) on a terminal. Created only when stderr is a
 * terminal and output is not quiet; redraws at most ten times a second.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private String task = "";
    private long taskStart;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /** A listener for these options: a bar on a terminal, nothing when piped or quiet. */
    static ProgressListener forTerminal(PrintWriter err, boolean quiet) {
        return quiet || System.console() == null ? ProgressListener.NONE : new ProgressBar(err);
    }

    @Override
    public void update(String task, long done, long total) {
        long now = System.nanoTime();
        if (!task.equals(this.task)) {
            finishLine();
            this.task = task;
            this.taskStart = now;
            this.lastDraw = 0; // show a new task at once
        }
        boolean finished = total >= 0 && done >= total;
        if (!finished && lastDraw != 0 && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-3, (now - taskStart) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder("\r").append(task).append(' ');
        if (total > 0) {
            int filled = (int) (WIDTH * Math.min(1.0, (double) done / total));
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format("%3d%% ", (int) (100.0 * done / total)));
        }
        line.append(Sizes.human(done));
        if (total > 0) {
            line.append('/').append(Sizes.human(total));
        }
        line.append("  ").append(Sizes.human((long) rate)).append("/s");
        if (total > 0 && !finished && rate > 0) {
            line.append("  ETA ").append(eta((long) ((total - done) / rate)));
        }
        err.print(line.append("\u001b[K"));
        err.flush();
        drawn = true;
        if (finished) {
            finishLine();
        }
    }

    private void finishLine() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    private static String eta(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
