package io.gitmodel.cli;

/** Human-readable byte counts (binary units). */
final class Sizes {
    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
