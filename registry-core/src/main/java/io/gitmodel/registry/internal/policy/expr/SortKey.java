package io.gitmodel.registry.internal.policy.expr;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A field of the expression language to sort versions by ({@code metrics.auc}, {@code created},
 * {@code name}), ascending or descending. Versions without the value sort last either way.
 */
public final class SortKey {
    private final Field field;
    private final boolean descending;

    private SortKey(Field field, boolean descending) {
        this.field = field;
        this.descending = descending;
    }

    /** @throws ExpressionException naming the column if {@code name} is no field */
    public static SortKey parse(String name, boolean descending) {
        Objects.requireNonNull(name, "name");
        return new SortKey(new Parser(name, "sort field").sortField(), descending);
    }

    /** The field as written in canonical form. */
    public String field() {
        return field.name();
    }

    public boolean descending() {
        return descending;
    }

    /**
     * Orders subjects by the field; a missing value last in both directions. Values of mixed
     * kinds (a parameter that is a number in one version and text in another) order numbers
     * first, then instants, then text.
     */
    public Comparator<Subject> comparator() {
        Comparator<SortValue> order = descending ? Comparator.<SortValue>naturalOrder().reversed() : Comparator.naturalOrder();
        return Comparator.comparing(this::key, Comparator.nullsLast(order));
    }

    /** A value reduced to one of three comparable kinds. */
    private record SortValue(int rank, double number, java.time.Instant instant, String text) implements Comparable<SortValue> {
        @Override
        public int compareTo(SortValue o) {
            if (rank != o.rank) {
                return Integer.compare(rank, o.rank);
            }
            return switch (rank) {
                case 0 -> Double.compare(number, o.number);
                case 1 -> instant.compareTo(o.instant);
                default -> text.compareTo(o.text);
            };
        }
    }

    private SortValue key(Subject subject) {
        Object value = field.value(subject);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return new SortValue(0, n.doubleValue(), null, null);
        }
        if (value instanceof java.time.Instant t) {
            return new SortValue(1, 0, t, null);
        }
        if (value instanceof List<?> list) {
            return new SortValue(2, 0, null, String.join(",", list.stream().map(String::valueOf).toList()));
        }
        return new SortValue(2, 0, null, String.valueOf(value));
    }

    @Override
    public String toString() {
        return field.name() + (descending ? " desc" : " asc");
    }
}
