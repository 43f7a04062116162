package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static dev.audience.segment.lang.TokenCursor.error;

/**
 * Reads what follows a property or a profile field in the text form: an operator and its values
 * ({@code = "pro"}, {@code in ("pro", "team")}, {@code is set}...). Shared by event filters and profile
 * conditions, which differ only in that quoted values of a time field are read as dates or times.
 */
final class ComparisonParser {
    private static final String OPERATORS = "=, !=, <, <=, >, >=, in, not in, contains, starts with, is set or is not set";

    private final TokenCursor tokens;

    ComparisonParser(TokenCursor tokens) {
        this.tokens = tokens;
    }

    /** An operator and its values. */
    record Comparison(Op op, List<Value> values) {}

    /** @param subject how the property or field reads in a message, e.g. {@code attribute "plan"} */
    Comparison read(String subject, boolean timeField) {
        Token t = tokens.next();
        Op comparison = switch (t.kind()) {
            case EQ -> Op.EQ;
            case NE -> Op.NE;
            case LT -> Op.LT;
            case LE -> Op.LE;
            case GT -> Op.GT;
            case GE -> Op.GE;
            default -> null;
        };
        if (comparison != null) return new Comparison(comparison, List.of(value(timeField, t.text())));
        if (t.isWord("in")) return new Comparison(Op.IN, valueList(timeField, "in"));
        if (t.isWord("not")) {
            tokens.expectWord("in", "'not' (not in (...))");
            return new Comparison(Op.NOT_IN, valueList(timeField, "not in"));
        }
        if (t.isWord("contains")) return new Comparison(Op.CONTAINS, List.of(text("contains")));
        if (t.isWord("starts")) {
            tokens.expectWord("with", "'starts' (starts with \"...\")");
            return new Comparison(Op.STARTS_WITH, List.of(text("starts with")));
        }
        if (t.isWord("is")) {
            Token next = tokens.next();
            if (next.isWord("set")) return new Comparison(Op.IS_SET, List.of());
            if (next.isWord("not")) {
                tokens.expectWord("set", "'is not'");
                return new Comparison(Op.IS_NOT_SET, List.of());
            }
            throw error(next, "expected 'set' or 'not set' after 'is', found " + next.describe());
        }
        throw error(t, "expected an operator after " + subject + " (" + OPERATORS + "), found " + t.describe());
    }

    private List<Value> valueList(boolean timeField, String op) {
        Token open = tokens.next();
        if (open.kind() != TokenKind.LPAREN) {
            throw error(open, "expected '(' and a list of values after '" + op + "', as in " + op
                    + " (\"pro\", \"team\"), found " + open.describe());
        }
        List<Value> values = new ArrayList<>();
        values.add(value(timeField, "("));
        while (tokens.peek().kind() == TokenKind.COMMA) {
            tokens.next();
            values.add(value(timeField, ","));
        }
        Token close = tokens.next();
        if (close.kind() != TokenKind.RPAREN) {
            throw error(close, "expected ',' or ')' in the list of values, found " + close.describe());
        }
        return values;
    }

    private Value text(String op) {
        Token t = tokens.next();
        if (t.kind() != TokenKind.STRING) {
            throw error(t, "expected text in quotes after '" + op + "', found " + t.describe());
        }
        return tokens.note(new Value.Text((String) t.value()), t);
    }

    /** A literal; for a time field (created_at, updated_at) quoted text is read as a date or time. */
    private Value value(boolean timeField, String after) {
        Token t = tokens.next();
        Value value = switch (t.kind()) {
            case STRING -> timeField ? timeInQuotes(t) : new Value.Text((String) t.value());
            case NUMBER -> new Value.Number((BigDecimal) t.value());
            case TIME -> new Value.Time(((TimeLiteral) t.value()).instant());
            case WORD -> {
                if (t.isWord("true")) yield new Value.Bool(true);
                if (t.isWord("false")) yield new Value.Bool(false);
                throw error(t, "expected a value (text in quotes, a number, true, false or a date) after '" + after
                        + "', found " + t.describe() + ": put text in quotes, as in \"" + t.text() + "\"");
            }
            default -> throw error(t, "expected a value (text in quotes, a number, true, false or a date) after '"
                    + after + "', found " + t.describe());
        };
        return tokens.note(value, t);
    }

    private static Value timeInQuotes(Token t) {
        return TimeLiteral.parse((String) t.value()).map(lit -> (Value) new Value.Time(lit.instant()))
                .orElseThrow(() -> error(t, "expected " + TimeLiteral.expectation() + ", found " + t.describe()));
    }
}
