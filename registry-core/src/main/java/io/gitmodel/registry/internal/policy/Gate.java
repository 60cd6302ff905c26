package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.ModelVersion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric gate of a stage: {@code <metrics|params|tags>.<key> <op> <value>}, with {@code op} one
 * of {@code >= > <= < == !=}, and the value a number, {@code true}/{@code false} or a quoted
 * string. Example: {@code metrics.auc >= 0.90}, {@code tags.team == 'risk'}.
 */
public record Gate(String source, String scope, String key, String op, Object expected) {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*(metrics|params|tags)\\.([A-Za-z0-9_][A-Za-z0-9_.:/-]*)\\s*(>=|<=|==|!=|>|<)\\s*(.+?)\\s*");

    /** A decimal number as people write one (no NaN, infinities, hex or type suffixes). */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    /** Parses a gate; the exception message names the gate and shows the expected form. */
    public static Gate parse(String source) {
        Matcher m = SYNTAX.matcher(source);
        if (!m.matches()) {
            throw new IllegalArgumentException("gate \"" + source + "\" is invalid: expected <metrics|params|tags>.<key> <op> <value>,"
                    + " e.g. metrics.auc >= 0.90, with op one of >= > <= < == !=");
        }
        Object expected = literal(m.group(4), source);
        boolean ordered = !m.group(3).equals("==") && !m.group(3).equals("!=");
        if (ordered && !(expected instanceof Double)) {
            throw new IllegalArgumentException("gate \"" + source + "\" is invalid: " + m.group(3) + " needs a number");
        }
        return new Gate(source.trim(), m.group(1), m.group(2), m.group(3), expected);
    }

    private static Object literal(String text, String source) {
        if ((text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\"")) && text.length() >= 2) {
            return text.substring(1, text.length() - 1);
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (!DECIMAL.matcher(text).matches() || !Double.isFinite(Double.parseDouble(text))) {
            throw new IllegalArgumentException("gate \"" + source + "\" is invalid: " + text + " is not a number, true/false or a quoted string");
        }
        return Double.valueOf(text);
    }

    /** A number, or text that reads as one (tags are text: {@code tags.generation == 2} means "2"). */
    private static Double asNumber(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && DECIMAL.matcher(s).matches()) {
            return Double.valueOf(s);
        }
        return null;
    }

    /** Why the version fails this gate, or empty if it passes. */
    public Optional<String> check(ModelVersion v) {
        Object actual = switch (scope) {
            case "metrics" -> v.metrics().get(key);
            case "params" -> v.params().get(key);
            default -> v.tags().get(key);
        };
        if (actual == null) {
            return Optional.of(v.ref() + " has no " + scope + "." + key);
        }
        boolean pass;
        Double number = asNumber(actual);
        if (expected instanceof Double e && number != null) {
            int c = Double.compare(number, e);
            pass = switch (op) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                case "==" -> c == 0;
                default -> c != 0;
            };
        } else {
            boolean equal = String.valueOf(actual).equals(String.valueOf(expected));
            pass = op.equals("==") ? equal : op.equals("!=") && !equal;
        }
        return pass ? Optional.empty() : Optional.of(v.ref() + " has " + scope + "." + key + " = " + actual + ", the gate needs " + source);
    }
}
