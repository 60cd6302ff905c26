package io.gitmodel.registry.internal.policy.expr;

/**
 * A LIKE pattern, compiled once: {@code %} matches any run of characters (also none), {@code _}
 * exactly one, {@code \} makes the next character literal ({@code \%}, {@code \_}, {@code \\});
 * everything else, regular-expression metacharacters included, matches itself. The whole text
 * must match. No regular expressions: matching is a linear scan with backtracking to the last
 * {@code %}, so no pattern can make it slow. ILIKE compares characters case-insensitively.
 */
final class Like {
    private static final int ANY = -1;
    private static final int ONE = -2;

    /** Code points, or ANY / ONE; for ILIKE the code points are folded. */
    private final int[] pattern;
    private final boolean ignoreCase;

    private Like(int[] pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException if it ends with a lone backslash
     */
    static Like compile(String text, boolean ignoreCase) {
        int[] out = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\') {
                if (i == text.length()) {
                    throw new IllegalArgumentException("the pattern ends with a lone \\ (write \\\\ for a backslash,"
                            + " \\% and \\_ for a literal % and _)");
                }
                c = text.codePointAt(i);
                i += Character.charCount(c);
                out[n++] = ignoreCase ? fold(c) : c;
            } else if (c == '%') {
                if (n == 0 || out[n - 1] != ANY) { // %% is %
                    out[n++] = ANY;
                }
            } else if (c == '_') {
                out[n++] = ONE;
            } else {
                out[n++] = ignoreCase ? fold(c) : c;
            }
        }
        return new Like(java.util.Arrays.copyOf(out, n), ignoreCase);
    }

    private static int fold(int c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** Whether the whole text matches. */
    boolean matches(String text) {
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (p < pattern.length && (pattern[p] == ONE || pattern[p] >= 0 && pattern[p] == (ignoreCase ? fold(c) : c))) {
                p++;
                i += width;
            } else if (p < pattern.length && pattern[p] == ANY) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                // let the last % take one more character, and try the rest again from there
                p = starP + 1;
                starI += Character.charCount(text.codePointAt(starI));
                i = starI;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY) {
            p++;
        }
        return p == pattern.length;
    }
}
