package dev.audience.segment.lang;

/** The kinds of token in the text form; keywords are {@link #WORD}s, matched by the parser in context. */
enum TokenKind {
    /** An identifier or a keyword: {@code did}, {@code page_view}, {@code attributes.plan}. */
    WORD,
    /** A backtick-quoted name: {@code `any name`}. */
    NAME,
    STRING, NUMBER,
    /** A bare date or ISO-8601 time. */
    TIME,
    LPAREN, RPAREN, COMMA, EQ, NE, LT, LE, GT, GE,
    END
}
