package dev.audience.segment.lang;

import java.math.BigDecimal;

/**
 * One token of the text form: its kind, its source text (for messages), its value (the unescaped text of a
 * string or name, a {@link BigDecimal}, a {@link TimeLiteral}) and where it starts.
 */
record Token(TokenKind kind, String text, Object value, int line, int column) {

    boolean isWord(String keyword) {
        return kind == TokenKind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isName() {
        return kind == TokenKind.WORD || kind == TokenKind.NAME;
    }

    /** The name a WORD or NAME token stands for. */
    String name() {
        return kind == TokenKind.NAME ? (String) value : text;
    }

    Position position() {
        return new Position(line, column);
    }

    /** How the token reads in a message: {@code "thirty"}, {@code the number 2.5}, {@code the end of the definition}. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the definition";
            case STRING -> "the text " + text;
            case NUMBER -> "the number " + text;
            case TIME -> ((TimeLiteral) value).dateOnly() ? "the date " + text : "the time " + text;
            case NAME -> "the name " + text;
            default -> "\"" + text + "\"";
        };
    }
}
