package io.gitmodel.registry.internal.policy.expr;

import io.gitmodel.registry.internal.policy.expr.Field.Attribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed expression of the gate and filter language (docs/FORMAT.md, "Expressions: gates and
 * filters"), e.g. {@code metrics.auc >= 0.9 AND tags.team = 'fraud'}. Immutable and cheap to
 * evaluate: everything that can be prepared (numbers, instants, LIKE patterns, type checks) is
 * prepared by {@link #parse}. Two expressions are equal when their canonical forms
 * ({@link #toString()}) are.
 */
public final class Expression {
    private final String source;
    private final String noun;
    private final Node root;
    private final boolean needsStages;
    private final boolean needsModelCard;
    /** The canonical form, made when first asked for (parsing a gate need not print it). */
    private volatile String canonical;

    private Expression(String source, String noun, Node root) {
        this.source = source;
        this.noun = noun;
        this.root = root;
        List<Field> fields = new ArrayList<>();
        root.fields(fields);
        boolean stages = false;
        boolean modelCard = false;
        for (Field f : fields) {
            stages |= f.attribute() == Attribute.STAGE;
            modelCard |= f.attribute() == Attribute.MODEL_CARD;
        }
        this.needsStages = stages;
        this.needsModelCard = modelCard;
    }

    /** Parses an expression; errors and explanations call it "expression". */
    public static Expression parse(String source) {
        return parse(source, "expression");
    }

    /**
     * Parses an expression that errors and explanations call {@code noun} ("gate", "filter").
     *
     * @throws ExpressionException if it is malformed or a condition in it can never be true
     */
    public static Expression parse(String source, String noun) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(noun, "noun");
        return new Expression(source, noun, new Parser(source, noun).parse(noun));
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    /** Whether the expression holds for the subject: a condition on a missing value never does. */
    public boolean test(Subject subject) {
        return root.eval(subject) == Truth.TRUE;
    }

    /**
     * Why the expression does not hold for the subject, in words, or empty if it does. The part
     * that fails is the first condition joined by AND that is not true; the explanation quotes it
     * as written and gives the version's values of its fields:
     * {@code fraud@v3 has metrics.auc = 0.87, the gate needs metrics.auc >= 0.9}, or for a
     * missing value {@code fraud@v3 has no metrics.auc}.
     */
    public Optional<String> explain(Subject subject) {
        if (test(subject)) {
            return Optional.empty();
        }
        Node part = failing(root, subject);
        String ref = subject.version().ref().toString();
        List<Field> fields = new ArrayList<>();
        part.fields(fields);
        boolean condition = !(part instanceof Node.Junction || part instanceof Node.Not);
        if (condition && fields.get(0).kind() != Field.Kind.LIST && fields.get(0).value(subject) == null) {
            return Optional.of(ref + " has no " + fields.get(0).name());
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (Field field : fields) {
            Object value = field.value(subject);
            facts.putIfAbsent(field.name(), value == null ? "no " + field.name() : field.name() + " = " + Values.shown(value));
        }
        return Optional.of(ref + " has " + String.join(" and ", facts.values()) + ", the " + noun + " needs "
                + source.substring(part.start(), part.end()));
    }

    /** The first part of an AND that is not true, recursively; the node itself otherwise. */
    private static Node failing(Node node, Subject subject) {
        if (node instanceof Node.Junction and && and.all()) {
            for (Node part : and.parts()) {
                if (part.eval(subject) != Truth.TRUE) {
                    return failing(part, subject);
                }
            }
        }
        return node;
    }

    /** Whether the expression names {@code stage}, which only the caller can know. */
    public boolean needsStages() {
        return needsStages;
    }

    /** Whether the expression names {@code model_card}, which only the caller can know. */
    public boolean needsModelCard() {
        return needsModelCard;
    }

    /** The canonical form: keywords in capitals, {@code =} and {@code !=}, single-quoted strings, numbers as short as they read back. */
    @Override
    public String toString() {
        String c = canonical;
        if (c == null) {
            StringBuilder out = new StringBuilder();
            root.print(out);
            canonical = c = out.toString();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression e && e.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
