package io.gitmodel.registry.internal.policy.expr;

/**
 * An expression that cannot be parsed, or that can never be true: names the expression, the
 * column (1-based in the message, {@link #position()} 0-based) and what was expected there, and
 * shows the expression with a caret under that column:
 * <pre>
 * gate "metrics.auc >== 0.9" is invalid at column 15: expected a value (a number, a quoted string, true, false or []), found '='
 *   metrics.auc >== 0.9
 *                 ^
 * </pre>
 */
public final class ExpressionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** How much of a long line the caret display shows around the position. */
    private static final int SHOWN_BEFORE = 60;
    private static final int SHOWN_AFTER = 40;

    private final String source;
    private final int position;
    private final String detail;
    private final String summary;

    private ExpressionException(String summary, String source, int position, String detail) {
        super(summary + "\n" + pointer(source, position));
        this.source = source;
        this.position = position;
        this.detail = detail;
        this.summary = summary;
    }

    /** The error {@code detail} at {@code position} in the {@code noun} ("gate", "filter") {@code source}. */
    static ExpressionException at(String noun, String source, int position, String detail) {
        return new ExpressionException(summary(noun, source, position, detail), source, position, detail);
    }

    /** The expression as given. */
    public String source() {
        return source;
    }

    /** Where the problem is: the offset in {@link #source()}, from 0 (the column, for an expression of one line). */
    public int position() {
        return position;
    }

    /** What is wrong, without the expression: e.g. {@code expected a value ..., found '='}. */
    public String detail() {
        return detail;
    }

    /** The first line of the message: names the expression, the column and the problem, without the caret lines. */
    public String summary() {
        return summary;
    }

    private static String summary(String noun, String source, int position, String detail) {
        int lineStart = source.lastIndexOf('\n', position - 1) + 1;
        String where = "column " + (position - lineStart + 1);
        if (source.indexOf('\n') >= 0) {
            where = "line " + (1 + (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count()) + ", " + where;
        }
        return noun + " \"" + source + "\" is invalid at " + where + ": " + detail;
    }

    /**
     * The line of the source that holds the position, and a caret under it (tabs kept so the
     * caret lines up); of a long line, the part around the position.
     */
    private static String pointer(String source, int position) {
        int lineStart = source.lastIndexOf('\n', position - 1) + 1;
        int lineEnd = source.indexOf('\n', position);
        int from = Math.max(lineStart, position - SHOWN_BEFORE);
        int to = Math.min(lineEnd < 0 ? source.length() : lineEnd, position + SHOWN_AFTER);
        String before = from > lineStart ? "..." : "";
        String after = to < (lineEnd < 0 ? source.length() : lineEnd) ? "..." : "";
        StringBuilder caret = new StringBuilder("  ").append(" ".repeat(before.length()));
        for (int i = from; i < position; i++) {
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        return "  " + before + source.substring(from, to) + after + "\n" + caret.append('^');
    }
}
