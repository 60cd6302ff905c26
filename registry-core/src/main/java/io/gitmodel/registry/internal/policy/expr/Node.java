package io.gitmodel.registry.internal.policy.expr;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A parsed expression: conditions joined by AND, OR and NOT. Every node knows where it was
 * written ({@code start} inclusive, {@code end} exclusive, in the source), so an explanation can
 * quote the part that failed as the user wrote it; {@link #print} writes the canonical form.
 */
sealed interface Node {
    int start();

    int end();

    /** The node's truth for the subject: UNKNOWN where a value it needs is missing. */
    Truth eval(Subject subject);

    /** Appends the canonical form. */
    void print(StringBuilder out);

    /** Appends the fields the node names, in order. */
    void fields(List<Field> out);

    /** The same node written elsewhere: a part in parentheses spans them. */
    Node at(int start, int end);

    /** AND or OR: which, and the truth value that decides a junction at once (false for AND, true for OR). */
    enum Connective {
        AND(Truth.FALSE), OR(Truth.TRUE);

        final Truth decisive;

        Connective(Truth decisive) {
            this.decisive = decisive;
        }

        Truth combine(Truth a, Truth b) {
            return this == AND ? a.and(b) : a.or(b);
        }
    }

    /** Conditions joined by AND (all must hold) or by OR (one must). */
    record Junction(Connective connective, List<Node> parts, int start, int end) implements Node {
        @Override
        public Node at(int start, int end) {
            return new Junction(connective, parts, start, end);
        }

        @Override
        public Truth eval(Subject subject) {
            Truth t = connective.decisive.not();
            for (Node part : parts) {
                t = connective.combine(t, part.eval(subject));
                if (t == connective.decisive) {
                    break;
                }
            }
            return t;
        }

        /** Whether this joins with AND. */
        boolean all() {
            return connective == Connective.AND;
        }

        @Override
        public void print(StringBuilder out) {
            for (int i = 0; i < parts.size(); i++) {
                out.append(i == 0 ? "" : " " + connective + " ");
                // AND binds tighter than OR: an OR inside an AND keeps its parentheses
                printGrouped(parts.get(i), all() && parts.get(i) instanceof Junction j && !j.all(), out);
            }
        }

        @Override
        public void fields(List<Field> out) {
            parts.forEach(p -> p.fields(out));
        }
    }

    /** A condition that must not hold (and UNKNOWN stays UNKNOWN). */
    record Not(Node operand, int start, int end) implements Node {
        @Override
        public Node at(int start, int end) {
            return new Not(operand, start, end);
        }

        @Override
        public Truth eval(Subject subject) {
            return operand.eval(subject).not();
        }

        @Override
        public void print(StringBuilder out) {
            out.append("NOT ");
            printGrouped(operand, operand instanceof Junction, out);
        }

        @Override
        public void fields(List<Field> out) {
            operand.fields(out);
        }
    }

    private static void printGrouped(Node node, boolean parenthesize, StringBuilder out) {
        out.append(parenthesize ? "(" : "");
        node.print(out);
        out.append(parenthesize ? ")" : "");
    }

    /** The operators of {@link Compare}. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), LIKE("LIKE"), ILIKE("ILIKE"), NOT_LIKE("NOT LIKE"),
        NOT_ILIKE("NOT ILIKE");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean ordered() {
            return this == LT || this == LE || this == GT || this == GE;
        }

        boolean like() {
            return this == LIKE || this == ILIKE || this == NOT_LIKE || this == NOT_ILIKE;
        }
    }

    /** The empty list, {@code []}, as an operand. */
    enum EmptyList {
        LIST
    }

    /**
     * A value as written: a Double, a String, a Boolean or {@link EmptyList#LIST}, and where. The
     * operand a comparison uses is prepared from it once, at parse time (a number read from a
     * quoted string, an instant, a compiled LIKE pattern).
     */
    record Literal(Object value, int start, int end) {
        void print(StringBuilder out) {
            out.append(value instanceof Double d ? Values.canonical(d) : value instanceof String s ? Values.quoted(s)
                    : value == EmptyList.LIST ? "[]" : value.toString());
        }
    }

    /** {@code <field> <op> <value>}. */
    record Compare(Field field, Op op, Literal literal, Object operand, int start, int end) implements Node {
        @Override
        public Node at(int start, int end) {
            return new Compare(field, op, literal, operand, start, end);
        }

        @Override
        public Truth eval(Subject subject) {
            Object actual = field.value(subject);
            if (field.kind() == Field.Kind.LIST) {
                List<?> values = (List<?>) actual;
                return Truth.of(switch (op) {
                    case EQ -> operand == EmptyList.LIST ? values.isEmpty() : values.contains(operand);
                    case NE -> operand == EmptyList.LIST ? !values.isEmpty() : !values.contains(operand);
                    case LIKE, ILIKE -> values.stream().anyMatch(matching());
                    case NOT_LIKE, NOT_ILIKE -> values.stream().noneMatch(matching());
                    default -> throw new IllegalStateException(op + " on a list"); // refused by the parser
                });
            }
            if (actual == null) {
                return Truth.UNKNOWN;
            }
            return switch (op) {
                case EQ -> Truth.of(equal(actual, operand));
                case NE -> Truth.of(!equal(actual, operand));
                case LT, LE, GT, GE -> order(actual);
                case LIKE, ILIKE -> Truth.of(((Like) operand).matches(Values.text(actual)));
                case NOT_LIKE, NOT_ILIKE -> Truth.of(!((Like) operand).matches(Values.text(actual)));
            };
        }

        private Predicate<Object> matching() {
            Like like = (Like) operand;
            return v -> v != null && like.matches(v.toString());
        }

        private Truth order(Object actual) {
            int c;
            if (operand instanceof Instant t) {
                c = ((Instant) actual).compareTo(t);
            } else {
                Double n = Values.number(actual);
                if (n == null) {
                    return Truth.UNKNOWN; // text that is no number cannot be ordered against one
                }
                c = Double.compare(n, (Double) operand);
            }
            return Truth.of(switch (op) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                default -> c >= 0;
            });
        }

        @Override
        public void print(StringBuilder out) {
            out.append(field.name()).append(' ').append(op.symbol).append(' ');
            literal.print(out);
        }

        @Override
        public void fields(List<Field> out) {
            out.add(field);
        }
    }

    /**
     * Whether a value equals a prepared operand: numerically when the operand is a number and the
     * value is one or text that reads as one; as instants; otherwise as text (so {@code true}
     * equals the text "true", as it always did for params and tags).
     */
    static boolean equal(Object actual, Object operand) {
        if (operand instanceof Double d) {
            Double n = Values.number(actual);
            return n != null && n.doubleValue() == d;
        }
        if (operand instanceof Instant) {
            return operand.equals(actual);
        }
        return Values.text(actual).equals(Values.text(operand));
    }

    /** {@code <field> [NOT] IN (<value>, ...)}. */
    record In(Field field, boolean negated, List<Literal> literals, List<Object> operands, int start, int end)
            implements Node {
        @Override
        public Node at(int start, int end) {
            return new In(field, negated, literals, operands, start, end);
        }

        @Override
        public Truth eval(Subject subject) {
            Object actual = field.value(subject);
            boolean found;
            if (field.kind() == Field.Kind.LIST) {
                found = ((List<?>) actual).stream().anyMatch(operands::contains);
            } else if (actual == null) {
                return Truth.UNKNOWN;
            } else {
                found = operands.stream().anyMatch(o -> equal(actual, o));
            }
            return Truth.of(found != negated);
        }

        @Override
        public void print(StringBuilder out) {
            out.append(field.name()).append(negated ? " NOT IN (" : " IN (");
            for (int i = 0; i < literals.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                literals.get(i).print(out);
            }
            out.append(')');
        }

        @Override
        public void fields(List<Field> out) {
            out.add(field);
        }
    }

    /**
     * {@code <field> IS [NOT] NULL}: whether the version has no value; for
     * {@code lineage.datasets.digest}, IS NOT NULL means every data set has a digest.
     */
    record IsNull(Field field, boolean negated, int start, int end) implements Node {
        @Override
        public Node at(int start, int end) {
            return new IsNull(field, negated, start, end);
        }

        @Override
        public Truth eval(Subject subject) {
            Object actual = field.value(subject);
            boolean isNull = field.kind() == Field.Kind.LIST ? ((List<?>) actual).stream().anyMatch(Objects::isNull) : actual == null;
            return Truth.of(isNull != negated);
        }

        @Override
        public void print(StringBuilder out) {
            out.append(field.name()).append(negated ? " IS NOT NULL" : " IS NULL");
        }

        @Override
        public void fields(List<Field> out) {
            out.add(field);
        }
    }
}
