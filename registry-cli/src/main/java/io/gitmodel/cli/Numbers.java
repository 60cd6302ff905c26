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
