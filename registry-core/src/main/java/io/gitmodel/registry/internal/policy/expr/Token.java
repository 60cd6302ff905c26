package io.gitmodel.registry.internal.policy.expr;

import java.util.Locale;

/**
 * One token: its type, where it is ({@code start} inclusive, {@code end} exclusive), its text as
 * written, and its value: the decoded string of a STRING, the name before a quoted key of a WORD
 * ({@code metrics.} in {@code metrics."my key"}), the text otherwise. {@code key} is the quoted
 * key, if any.
 */
record Token(Type type, int start, int end, String text, String value, String key) {
    enum Type {
        /** A field, a keyword or any other bare word. */
        WORD,
        STRING,
        NUMBER,
        /** {@code = == != <> < <= > >=}. */
        OPERATOR,
        LPAREN,
        RPAREN,
        COMMA,
        LBRACKET,
        RBRACKET,
        END
    }

    /** Whether this is the keyword {@code word} (any case). */
    boolean is(String keyword) {
        return type == Type.WORD && key == null && text.equalsIgnoreCase(keyword);
    }

    /** Whether this is any keyword of the language (which cannot be a field). */
    boolean isKeyword() {
        return type == Type.WORD && key == null && switch (text.toUpperCase(Locale.ROOT)) {
            case "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "ILIKE", "TRUE", "FALSE" -> true;
            default -> false;
        };
    }

    /** How an error message names this token: {@code 'text'}, "the string 'text'", or "the end". */
    String described() {
        return type == Type.END ? "the end" : type == Type.STRING ? "the string " + text : "'" + text + "'";
    }
}
