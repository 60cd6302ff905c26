package io.gitmodel.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A filter for {@link SearchCommand#where(Filter)} built in Java rather than written as text:
 * {@code Filter.metric("auc").atLeast(0.9).and(Filter.tag("team").is("fraud"))} is the
 * expression {@code metrics.auc >= 0.9 AND tags.team = 'fraud'}. {@link #toString()} is that
 * expression; it is checked when the search is made, as a written one is. Immutable.
 */
public final class Filter {
    private final String expression;
    private final boolean compound;

    private Filter(String expression, boolean compound) {
        this.expression = expression;
        this.compound = compound;
    }

    /** A metric, e.g. {@code metric("auc")}. */
    public static Field metric(String name) {
        return new Field("metrics." + key(name));
    }

    /** A parameter. */
    public static Field param(String name) {
        return new Field("params." + key(name));
    }

    /** A tag. */
    public static Field tag(String name) {
        return new Field("tags." + key(name));
    }

    /** Any other field of the language: {@code name}, {@code version}, {@code created}, {@code stage}, {@code lineage.datasets}, ... */
    public static Field field(String name) {
        return new Field(Objects.requireNonNull(name, "name"));
    }

    /** The stages a version is in now (a list: {@code stage("production")} holds if one of them is production). */
    public static Filter stage(String stage) {
        return new Field("stage").is(stage);
    }

    public Filter and(Filter other) {
        return new Filter(group(this) + " AND " + group(other), true);
    }

    public Filter or(Filter other) {
        return new Filter(group(this) + " OR " + group(other), true);
    }

    public static Filter not(Filter filter) {
        return new Filter("NOT (" + filter.expression + ")", false);
    }

    private static String group(Filter f) {
        return f.compound ? "(" + f.expression + ")" : f.expression;
    }

    /** Metric, parameter and tag names are plain words (MetadataRules), checked when the filter is parsed. */
    private static String key(String key) {
        return Objects.requireNonNull(key, "key");
    }

    /** The value as the language writes it: numbers bare, text and instants quoted, true/false. */
    static String literal(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Instant || value instanceof String) {
            return "'" + value.toString().replace("'", "''") + "'";
        }
        throw new IllegalArgumentException("a filter compares with numbers, text, true/false or instants, not " + value);
    }

    /** The expression, e.g. {@code metrics.auc >= 0.9 AND tags.team = 'fraud'}. */
    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Filter f && f.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** One field, to be compared. */
    public static final class Field {
        private final String name;

        private Field(String name) {
            this.name = name;
        }

        private Filter op(String op, Object value) {
            return new Filter(name + " " + op + " " + literal(value), false);
        }

        public Filter is(Object value) {
            return op("=", value);
        }

        public Filter isNot(Object value) {
            return op("!=", value);
        }

        public Filter atLeast(Object value) {
            return op(">=", value);
        }

        public Filter above(Object value) {
            return op(">", value);
        }

        public Filter atMost(Object value) {
            return op("<=", value);
        }

        public Filter below(Object value) {
            return op("<", value);
        }

        /** SQL LIKE: {@code %} any run of characters, {@code _} one; case-sensitive. */
        public Filter like(String pattern) {
            return op("LIKE", pattern);
        }

        public Filter in(Object... values) {
            return new Filter(name + " IN (" + Arrays.stream(values).map(Filter::literal).collect(Collectors.joining(", ")) + ")",
                    false);
        }

        public Filter isNull() {
            return new Filter(name + " IS NULL", false);
        }

        public Filter isNotNull() {
            return new Filter(name + " IS NOT NULL", false);
        }
    }
}
