package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text form into tokens, each with its 1-based line and column. It knows no keywords: a word is
 * a keyword only where the parser expects one, so {@code segment} can still be an attribute's name.
 * Strings are {@code "..."} or {@code '...'} on one line, with backslash escapes; names in backticks take
 * the same escapes.
 */
final class Lexer {
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private int line = 1;
    private int lineStart;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String text) {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipWhitespace();
            if (i >= src.length()) {
                tokens.add(new Token(TokenKind.END, "", null, line, column()));
                return;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\n' || c == '\r') {
                i += (c == '\r' && i + 1 < src.length() && src.charAt(i + 1) == '\n') ? 2 : 1;
                line++;
                lineStart = i;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                return;
            }
        }
    }

    private int column() {
        return i - lineStart + 1;
    }

    private Token next() {
        char c = src.charAt(i);
        int col = column();
        if (isWordStart(c)) return word(col);
        if (isDigit(c) || (c == '-' && i + 1 < src.length() && isDigit(src.charAt(i + 1)))) return numberOrTime(col);
        return switch (c) {
            case '"', '\'' -> string(c, col);
            case '`' -> name(col);
            case '(' -> symbol(TokenKind.LPAREN, 1, col);
            case ')' -> symbol(TokenKind.RPAREN, 1, col);
            case ',' -> symbol(TokenKind.COMMA, 1, col);
            case '=' -> {
                if (peekChar(1) == '=') throw error(col, "unexpected \"==\": write = to compare");
                yield symbol(TokenKind.EQ, 1, col);
            }
            case '!' -> {
                if (peekChar(1) != '=') throw error(col, "unexpected \"!\": write != for 'not equal'");
                yield symbol(TokenKind.NE, 2, col);
            }
            case '<' -> peekChar(1) == '=' ? symbol(TokenKind.LE, 2, col) : symbol(TokenKind.LT, 1, col);
            case '>' -> peekChar(1) == '=' ? symbol(TokenKind.GE, 2, col) : symbol(TokenKind.GT, 1, col);
            default -> throw error(col, "unexpected character \"" + new String(Character.toChars(src.codePointAt(i))) + "\"");
        };
    }

    private char peekChar(int ahead) {
        return i + ahead < src.length() ? src.charAt(i + ahead) : '\0';
    }

    private Token symbol(TokenKind kind, int length, int col) {
        String text = src.substring(i, i + length);
        i += length;
        return new Token(kind, text, null, line, col);
    }

    private Token word(int col) {
        int start = i;
        while (i < src.length() && isWordPart(src.charAt(i))) i++;
        return new Token(TokenKind.WORD, src.substring(start, i), null, line, col);
    }

    private Token numberOrTime(int col) {
        int start = i;
        if (looksLikeDate()) return time(col);
        if (src.charAt(i) == '-') i++;
        while (i < src.length() && isDigit(src.charAt(i))) i++;
        if (i < src.length() && src.charAt(i) == '.') {
            i++;
            if (i >= src.length() || !isDigit(src.charAt(i))) throw error(column(), "expected a digit after the decimal point");
            while (i < src.length() && isDigit(src.charAt(i))) i++;
        }
        String text = src.substring(start, i);
        return new Token(TokenKind.NUMBER, text, new BigDecimal(text), line, col);
    }

    /** Four digits, '-', two digits, '-', two digits: the start of a date or a time. */
    private boolean looksLikeDate() {
        if (i + 10 > src.length()) return false;
        for (int k = 0; k < 10; k++) {
            char c = src.charAt(i + k);
            boolean ok = (k == 4 || k == 7) ? c == '-' : isDigit(c);
            if (!ok) return false;
        }
        return true;
    }

    private Token time(int col) {
        int start = i;
        i += 10;
        if (i < src.length() && (src.charAt(i) == 'T' || src.charAt(i) == 't')) {
            while (i < src.length() && isTimePart(src.charAt(i))) i++;
        }
        String text = src.substring(start, i);
        TimeLiteral literal = TimeLiteral.parse(text).orElseThrow(() -> error(col,
                (text.length() == 10 ? "invalid date \"" : "invalid time \"") + text + "\": expected "
                        + TimeLiteral.expectation()));
        return new Token(TokenKind.TIME, text, literal, line, col);
    }

    private Token string(char quote, int col) {
        int start = i;
        String value = quoted(quote, col, "unterminated string: a string ends with " + quote
                + " on the same line (write \\n for a line break)");
        return new Token(TokenKind.STRING, src.substring(start, i), value, line, col);
    }

    private Token name(int col) {
        int start = i;
        String value = quoted('`', col, "unterminated name: a name in backticks ends with ` on the same line");
        if (value.isEmpty()) throw error(col, "empty name: write the name between the backticks");
        return new Token(TokenKind.NAME, src.substring(start, i), value, line, col);
    }

    /** Reads from the opening quote to the closing one, resolving escapes; leaves {@code i} after the closing quote. */
    private String quoted(char quote, int col, String unterminated) {
        StringBuilder out = new StringBuilder();
        i++;
        while (true) {
            if (i >= src.length()) throw error(col, unterminated);
            char c = src.charAt(i);
            if (c == quote) {
                i++;
                return out.toString();
            }
            if (c == '\n' || c == '\r') throw error(col, unterminated);
            if (c == '\\') {
                if (i + 1 >= src.length()) throw error(col, unterminated);
                out.append(escape());
            } else {
                out.append(c);
                i++;
            }
        }
    }

    private char escape() {
        int col = column();
        char e = peekChar(1);
        i += 2;
        return switch (e) {
            case '"', '\'', '`', '\\' -> e;
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'u' -> unicodeEscape(col);
            default -> throw error(col, "unknown escape \"\\" + e + "\": the escapes are \\\" \\' \\` \\\\ \\n \\t \\r and \\uXXXX");
        };
    }

    private char unicodeEscape(int col) {
        if (i + 4 > src.length()) throw error(col, "expected four hex digits after \\u");
        String hex = src.substring(i, i + 4);
        for (char h : hex.toCharArray()) {
            if (Character.digit(h, 16) < 0) throw error(col, "expected four hex digits after \\u, found \"" + hex + "\"");
        }
        i += 4;
        return (char) Integer.parseInt(hex, 16);
    }

    private DefinitionException error(int col, String message) {
        return new DefinitionException(line, col, message);
    }

    static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '.' || c == ':' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isTimePart(char c) {
        return isDigit(c) || c == ':' || c == '.' || c == '+' || c == '-' || c == 'T' || c == 't' || c == 'Z' || c == 'z';
    }
}
