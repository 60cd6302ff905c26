package io.gitmodel.registry.internal.policy.expr;

import io.gitmodel.registry.internal.policy.expr.Token.Type;

/**
 * Splits an expression into tokens, one at a time as the parser asks, so errors come in the
 * order they are written. Words are fields and keywords: a run of letters, digits and
 * {@code _ . : / -} starting with a letter or {@code _}; after a trailing dot a double-quoted or
 * back-quoted key may follow ({@code metrics."my key"}, {@code tags.`a.b`}). Strings are in
 * single or double quotes, the quote doubled inside ({@code 'it''s'}). Numbers are decimal,
 * with an optional sign and exponent.
 */
final class Lexer {
    private final String source;
    private final String noun;
    private int pos;

    Lexer(String source, String noun) {
        this.source = source;
        this.noun = noun;
    }

    ExpressionException error(int at, String detail) {
        return ExpressionException.at(noun, source, at, detail);
    }

    /** The next token; {@link Type#END} at the end, again and again. */
    Token next() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos == source.length()) {
            return new Token(Type.END, start, start, "", "", null);
        }
        char c = source.charAt(pos);
        return switch (c) {
            case '(' -> single(Type.LPAREN);
            case ')' -> single(Type.RPAREN);
            case ',' -> single(Type.COMMA);
            case '[' -> single(Type.LBRACKET);
            case ']' -> single(Type.RBRACKET);
            case '=' -> operator(at(1) == '=' ? 2 : 1);
            case '<' -> operator(at(1) == '=' || at(1) == '>' ? 2 : 1);
            case '>' -> operator(at(1) == '=' ? 2 : 1);
            case '!' -> {
                if (at(1) != '=') {
                    throw error(start, "unexpected '!'; write != for 'not equal' or NOT before a condition");
                }
                yield operator(2);
            }
            case '\'', '"' -> string(c);
            case '`' -> throw error(start, "back quotes quote a key after metrics., params. or tags., e.g. tags.`a.b`");
            default -> {
                if (isDigit(c) || c == '.' && isDigit(at(1))
                        || (c == '-' || c == '+') && (isDigit(at(1)) || at(1) == '.' && isDigit(at(2)))) {
                    yield number();
                }
                if (Character.isLetter(c) || c == '_') {
                    yield word();
                }
                throw error(start, "unexpected character '" + new String(Character.toChars(source.codePointAt(start))) + "'");
            }
        };
    }

    private char at(int ahead) {
        return pos + ahead < source.length() ? source.charAt(pos + ahead) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordPart(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '/' || c == '-');
    }

    private Token single(Type type) {
        pos++;
        return new Token(type, pos - 1, pos, source.substring(pos - 1, pos), source.substring(pos - 1, pos), null);
    }

    private Token operator(int length) {
        int start = pos;
        pos += length;
        String text = source.substring(start, pos);
        return new Token(Type.OPERATOR, start, pos, text, text, null);
    }

    /** A quoted run from the quote at {@code pos}; the quote doubled stands for itself. Returns the content. */
    private String quoted(char quote, String what) {
        int start = pos;
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            if (pos == source.length()) {
                throw error(start, "unterminated " + what + ": no closing " + quote);
            }
            char c = source.charAt(pos++);
            if (c == quote) {
                if (at(0) != quote) {
                    return out.toString();
                }
                pos++;
            }
            out.append(c);
        }
    }

    private Token string(char quote) {
        int start = pos;
        String value = quoted(quote, "string");
        return new Token(Type.STRING, start, pos, source.substring(start, pos), value, null);
    }

    private Token number() {
        int start = pos;
        pos++; // a sign or the first digit
        while (pos < source.length()) {
            char c = source.charAt(pos);
            char previous = source.charAt(pos - 1);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                    || (c == '-' || c == '+') && Character.isLetter(previous)) { // 1e-3, and all of 0x1p-1 to report it
                pos++;
            } else {
                break;
            }
        }
        String text = source.substring(start, pos);
        if (!Values.isDecimal(text)) {
            throw error(start, text + " is not a number: write decimal numbers, e.g. 0.9, -1.5, 2e-3");
        }
        if (!Double.isFinite(Double.parseDouble(text))) {
            throw error(start, text + " is out of range");
        }
        return new Token(Type.NUMBER, start, pos, text, text, null);
    }

    private Token word() {
        int start = pos;
        while (pos < source.length() && isWordPart(source.charAt(pos))) {
            pos++;
        }
        String head = source.substring(start, pos);
        if (head.endsWith(".") && (at(0) == '"' || at(0) == '`')) {
            String key = quoted(at(0), "key");
            return new Token(Type.WORD, start, pos, source.substring(start, pos), head, key);
        }
        return new Token(Type.WORD, start, pos, head, head, null);
    }
}
