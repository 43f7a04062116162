package dev.audience.segment.lang;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsers' view of the tokens: look ahead, take one, and note where each node of the tree was written
 * (by identity, so that equal nodes written twice keep their own positions).
 */
final class TokenCursor {
    private final List<Token> tokens;
    private final Map<Object, Position> positions = new IdentityHashMap<>();
    private int at;

    /** @param tokens as the {@link Lexer} gives them, ending with an END token */
    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    /** The next token, consumed; at the end, the END token again and again. */
    Token next() {
        Token t = tokens.get(at);
        if (t.kind() != TokenKind.END) at++;
        return t;
    }

    void expectWord(String word, String after) {
        Token t = next();
        if (!t.isWord(word)) throw error(t, "expected '" + word + "' after " + after + ", found " + t.describe());
    }

    /** Records that {@code node} was written at {@code token}; returns the node. */
    <T> T note(T node, Token token) {
        positions.put(node, token.position());
        return node;
    }

    /** For a node that did not make it into the tree (a group flattened into its parent). */
    void forget(Object node) {
        positions.remove(node);
    }

    Map<Object, Position> positions() {
        return positions;
    }

    static DefinitionException error(Token t, String message) {
        return new DefinitionException(t.line(), t.column(), message);
    }
}
