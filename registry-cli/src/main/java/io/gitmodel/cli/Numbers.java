package io.gitmodel.cli;

/** Formats and parses numbers on the command line. */
final class Numbers {
    private Numbers() {
    }

    /** A double without a useless ".0" and without exponent for ordinary magnitudes. */
    static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /**
     * A number for a table a person reads (versions, diff, compare): four decimal places, or four
     * significant digits below 1 (0.7357687 is 0.7358, 0.0400057 is 0.04001), no trailing zeros.
     * Exact values stay in {@code show}, {@code --json} and {@code --csv}.
     */
    static String display(double d) {
        if (!Double.isFinite(d) || d == Math.rint(d)) {
            return format(d);
        }
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(d);
        java.math.BigDecimal shown = Math.abs(d) < 1
                ? exact.round(new java.math.MathContext(4, java.math.RoundingMode.HALF_EVEN))
                : exact.setScale(4, java.math.RoundingMode.HALF_EVEN);
        return shown.stripTrailingZeros().toPlainString();
    }

    /** A metric value: a finite decimal number such as 0.94, -3, 1e-4; null if the text is not one. */
    static Double parseDecimal(String text) {
        if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            return null;
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? d : null;
    }

    /** A parameter value from the command line: boolean, integer, decimal, or else the string. */
    static Object parseScalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("[-+]?(0|[1-9][0-9]{0,17})")) {
            return Long.parseLong(text);
        }
        if (text.matches("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+([eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")) {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d;
            }
        }
        return text;
    }
}
