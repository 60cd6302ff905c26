package io.gitmodel.registry.internal.policy.expr;

import java.math.BigDecimal;

/** How expressions read numbers and print values: shared by the lexer, the comparisons and explanations. */
final class Values {
    /** Longest value an explanation shows whole. */
    private static final int SHOWN = 100;

    private Values() {
    }

    /**
     * Whether the text is a decimal number as people write one: {@code [-+]?(digits[.digits]|.digits)}
     * with an optional exponent; no NaN, infinities, hex, type suffixes or spaces.
     */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = s.isEmpty() || s.charAt(0) != '-' && s.charAt(0) != '+' ? 0 : 1;
        int before = digits(s, i);
        i += before;
        if (i < n && s.charAt(i) == '.') {
            i++;
        }
        int after = digits(s, i);
        i += after;
        if (before == 0 && after == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = digits(s, i);
            if (exponent == 0) {
                return false;
            }
            i += exponent;
        }
        return i == n;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /** A number, or text that reads as one ({@link #isDecimal}); null for anything else. -0 is 0. */
    static Double number(Object value) {
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof String s && isDecimal(s)) {
            d = Double.parseDouble(s);
        } else {
            return null;
        }
        return d == 0 ? 0.0 : d;
    }

    /** A value as text: strings as they are, numbers and booleans as Java prints them. */
    static String text(Object value) {
        return String.valueOf(value);
    }

    /** A value for an explanation: as text, long values shortened. */
    static String shown(Object value) {
        String s = String.valueOf(value);
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN - 3) + "...";
    }

    /** A number in canonical form: integers without a fraction, others as short as they read back exactly. */
    static String canonical(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String plain = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return plain.length() <= 24 ? plain : Double.toString(d);
    }

    /** A string literal in canonical form: single-quoted, a quote inside doubled. */
    static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
