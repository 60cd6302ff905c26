package io.gitmodel.registry.internal.policy.expr;

import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.internal.policy.expr.Field.Attribute;
import io.gitmodel.registry.internal.policy.expr.Field.Kind;
import io.gitmodel.registry.internal.policy.expr.Node.EmptyList;
import io.gitmodel.registry.internal.policy.expr.Node.Literal;
import io.gitmodel.registry.internal.policy.expr.Node.Op;
import io.gitmodel.registry.internal.policy.expr.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the grammar of docs/FORMAT.md ("Expressions: gates and filters"):
 * <pre>
 * expression := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | '(' expression ')' | condition
 * condition  := field op value | field [NOT] IN '(' value (',' value)* ')'
 *             | field [NOT] (LIKE | ILIKE) string | field IS [NOT] NULL
 * op         := = | == | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 * value      := number | string | TRUE | FALSE | '[' ']'
 * </pre>
 * Every condition is checked against its field's type here, so one that can never be true
 * ({@code metrics.auc = 'high'}, {@code stage > 2}) is an error at its position, and the operand
 * is prepared once (a number read from text, an instant, a compiled LIKE pattern).
 */
final class Parser {
    private static final String OPERATORS = "=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL, IS NOT NULL";
    private static final String VALUES = "a number, a quoted string, true, false or []";
    /** How deep NOT and parentheses may nest: parsing, printing and evaluating recurse that deep. */
    static final int MAX_DEPTH = 64;
    /** Names people bring from elsewhere (MLflow, SQL habits), and the field they mean. */

    private final String source;
    private final Lexer lexer;
    private Token token;
    private int depth;

    Parser(String source, String noun) {
        this.source = source;
        this.lexer = new Lexer(source, noun);
        this.token = lexer.next();
    }

    /** The whole source as one expression. */
    Node parse(String noun) {
        if (token.type() == Type.END) {
            throw error(token.start(), "the " + noun + " is empty; write a condition, e.g. metrics.auc >= 0.9");
        }
        Node node = or();
        if (token.type() != Type.END) {
            throw error(token.start(), token.type() == Type.RPAREN ? "unbalanced ')': no '(' before it"
                    : "expected AND, OR or the end, found " + token.described());
        }
        return node;
    }

    /** The whole source as one field name, for sorting: {@code metrics.auc}, {@code created}. */
    Field sortField() {
        Token word = token;
        if (word.type() != Type.WORD || word.isKeyword()) {
            throw error(word.start(), "expected a field to sort by (e.g. metrics.auc, created, name), found " + word.described());
        }
        advance();
        Field field = field(word);
        if (token.type() != Type.END) {
            throw error(token.start(), "expected only a field name, found " + token.described());
        }
        return field;
    }

    private ExpressionException error(int at, String detail) {
        return lexer.error(at, detail);
    }

    private Token advance() {
        Token t = token;
        token = lexer.next();
        return t;
    }

    private Node or() {
        return junction(Node.Connective.OR);
    }

    private Node and() {
        return junction(Node.Connective.AND);
    }

    /** {@code part (<connective> part)*}, one node for a run of the same connective; a part of OR is an AND. */
    private Node junction(Node.Connective connective) {
        List<Node> parts = new ArrayList<>(2);
        do {
            if (!parts.isEmpty()) {
                advance();
            }
            parts.add(connective == Node.Connective.OR ? and() : not());
        } while (token.is(connective.name()));
        return parts.size() == 1 ? parts.get(0) : new Node.Junction(connective, List.copyOf(parts), parts.get(0).start(),
                parts.get(parts.size() - 1).end());
    }

    private Node not() {
        if ((token.is("NOT") || token.type() == Type.LPAREN) && depth == MAX_DEPTH) {
            throw error(token.start(), "NOT and parentheses nest more than " + MAX_DEPTH + " deep here");
        }
        depth++;
        try {
            return negationOrGroup();
        } finally {
            depth--;
        }
    }

    private Node negationOrGroup() {
        if (token.is("NOT")) {
            Token not = advance();
            Node operand = not();
            return new Node.Not(operand, not.start(), operand.end());
        }
        if (token.type() == Type.LPAREN) {
            Token open = advance();
            Node inner = or();
            if (token.type() != Type.RPAREN) {
                throw error(token.start(), "expected ')' to close the '(' at column " + (open.start() + 1) + ", found "
                        + token.described());
            }
            return inner.at(open.start(), advance().end());
        }
        return condition();
    }

    private Node condition() {
        Token word = token;
        if (word.type() != Type.WORD || word.isKeyword()) {
            throw error(word.start(), "expected a field (e.g. metrics.auc, tags.team, stage), found " + word.described());
        }
        advance();
        Field field = field(word);
        Token op = token;
        if (op.type() == Type.OPERATOR) {
            advance();
            Op o = switch (op.text()) {
                case "=", "==" -> Op.EQ;
                case "!=", "<>" -> Op.NE;
                case "<" -> Op.LT;
                case "<=" -> Op.LE;
                case ">" -> Op.GT;
                default -> Op.GE;
            };
            return compare(field, o, op, word);
        }
        if (op.is("LIKE") || op.is("ILIKE")) {
            advance();
            return compare(field, op.is("LIKE") ? Op.LIKE : Op.ILIKE, op, word);
        }
        if (op.is("IN")) {
            advance();
            return in(field, false, op, word);
        }
        if (op.is("NOT")) {
            advance();
            Token after = advance();
            if (after.is("IN")) {
                return in(field, true, op, word);
            }
            if (after.is("LIKE") || after.is("ILIKE")) {
                return compare(field, after.is("LIKE") ? Op.NOT_LIKE : Op.NOT_ILIKE, op, word);
            }
            throw error(after.start(), "expected IN, LIKE or ILIKE after NOT, found " + after.described());
        }
        if (op.is("IS")) {
            advance();
            boolean negated = token.is("NOT");
            if (negated) {
                advance();
            }
            if (!token.is("NULL")) {
                throw error(token.start(), "expected NULL after " + (negated ? "IS NOT" : "IS") + ", found " + token.described());
            }
            Token end = advance();
            if (!field.attribute().nullable) {
                throw error(op.start(), field.kind() == Kind.LIST
                        ? field.name() + " is a list and never null; test it with = [] or != []"
                        : field.name() + " always has a value, so IS " + (negated ? "NOT " : "") + "NULL is always " + negated);
            }
            return new Node.IsNull(field, negated, word.start(), end.end());
        }
        throw error(op.start(), "expected an operator after " + field.name() + " (" + OPERATORS + "), found " + op.described());
    }

    private Node compare(Field field, Op op, Token opToken, Token word) {
        Literal literal = value();
        return new Node.Compare(field, op, literal, operand(field, op, opToken, literal), word.start(), literal.end());
    }

    private Node in(Field field, boolean negated, Token opToken, Token word) {
        if (token.type() != Type.LPAREN) {
            throw error(token.start(), "expected '(' after " + (negated ? "NOT IN" : "IN") + ", e.g. IN ('a', 'b'), found "
                    + token.described());
        }
        advance();
        List<Literal> literals = new ArrayList<>();
        List<Object> operands = new ArrayList<>();
        do {
            if (!literals.isEmpty()) {
                advance(); // the comma
            }
            Literal literal = value();
            if (literal.value() == EmptyList.LIST) {
                throw error(literal.start(), "[] cannot be in an IN list; compare with = [] or != []");
            }
            literals.add(literal);
            operands.add(operand(field, Op.EQ, opToken, literal));
        } while (token.type() == Type.COMMA);
        if (token.type() != Type.RPAREN) {
            throw error(token.start(), "expected ',' or ')' in the IN list, found " + token.described());
        }
        Token close = advance();
        return new Node.In(field, negated, List.copyOf(literals), List.copyOf(operands), word.start(), close.end());
    }

    private Literal value() {
        Token t = token;
        if (t.type() == Type.NUMBER) {
            advance();
            double d = Double.parseDouble(t.text());
            return new Literal(d == 0 ? 0.0 : d, t.start(), t.end());
        }
        if (t.type() == Type.STRING) {
            advance();
            return new Literal(t.value(), t.start(), t.end());
        }
        if (t.is("TRUE") || t.is("FALSE")) {
            advance();
            return new Literal(t.is("TRUE"), t.start(), t.end());
        }
        if (t.type() == Type.LBRACKET) {
            advance();
            if (token.type() != Type.RBRACKET) {
                throw error(token.start(), "only the empty list [] can be written; to compare with several values use"
                        + " IN ('a', 'b')");
            }
            return new Literal(EmptyList.LIST, t.start(), advance().end());
        }
        if (t.is("NULL")) {
            throw error(t.start(), "NULL is tested with IS NULL or IS NOT NULL");
        }
        throw error(t.start(), "expected a value (" + VALUES + "), found " + t.described());
    }

    // ---------------------------------------------------------------- types

    /**
     * The operand the comparison uses, prepared from the literal; an error where the comparison
     * could never be true (see docs/FORMAT.md for the table of what compares with what).
     */
    private Object operand(Field field, Op op, Token opToken, Literal literal) {
        Kind kind = field.kind();
        Object v = literal.value();
        if (op.like()) {
            if (kind != Kind.TEXT && kind != Kind.SCALAR && kind != Kind.LIST) {
                throw error(opToken.start(), op.symbol + " compares text; " + field.name() + " is " + kind.described);
            }
            if (!(v instanceof String pattern)) {
                throw error(literal.start(), op.symbol + " needs a quoted pattern, e.g. 'fraud%'");
            }
            try {
                return Like.compile(pattern, op == Op.ILIKE || op == Op.NOT_ILIKE);
            } catch (IllegalArgumentException e) {
                throw error(literal.start(), e.getMessage());
            }
        }
        if (op.ordered() && (kind == Kind.LIST || kind == Kind.BOOLEAN)) {
            throw error(opToken.start(), op.symbol + " compares numbers and instants; " + field.name() + " is " + kind.described);
        }
        if (v == EmptyList.LIST) {
            if (kind != Kind.LIST || op.ordered()) {
                throw error(literal.start(), "[] is compared with = or != to a list (stage, lineage.datasets, lineage.parents,"
                        + " artifacts); " + field.name() + " is " + kind.described);
            }
            return v;
        }
        return switch (kind) {
            case NUMBER -> {
                if (v instanceof String s && Values.isDecimal(s)) {
                    yield Values.number(s);
                }
                if (!(v instanceof Double)) {
                    throw error(literal.start(), field.name() + " is a number; " + written(literal) + " is not one");
                }
                yield v;
            }
            case BOOLEAN -> {
                if (!(v instanceof Boolean)) {
                    throw error(literal.start(), field.name() + " is true or false; " + written(literal) + " is not");
                }
                yield v;
            }
            case INSTANT -> {
                if (!(v instanceof String s)) {
                    throw error(literal.start(), field.name() + " is compared with a quoted date or date-time, e.g. "
                            + field.name() + " >= '2026-01-01'");
                }
                try {
                    yield ModelRef.parseInstant(s);
                } catch (IllegalArgumentException e) {
                    throw error(literal.start(), e.getMessage());
                }
            }
            case LIST -> {
                if (!(v instanceof String s)) {
                    throw error(literal.start(), field.name() + " is a list of text; compare it with a quoted string or []");
                }
                if (field.attribute() == Attribute.STAGE) {
                    try {
                        StageName.of(s);
                    } catch (IllegalArgumentException e) {
                        throw error(literal.start(), e.getMessage());
                    }
                }
                yield s;
            }
            case TEXT, SCALAR -> {
                if (op.ordered() && !(v instanceof Double)) {
                    throw error(literal.start(), op.symbol + " compares numbers and instants; " + written(literal)
                            + " is not a number");
                }
                yield v;
            }
        };
    }

    /** A literal as the user wrote it, for messages. */
    private String written(Literal literal) {
        return source.substring(literal.start(), literal.end());
    }

    private Field field(Token word) {
        return FieldNames.resolve(word, lexer);
    }
}
