package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the text form of a segment definition, the one people type, into the typed tree, remembering where
 * each node was written so that later checks can point at it. Errors say, with a 1-based line and column,
 * what was expected and what was found. The grammar and its rules are in {@code docs/segments.md}; the one
 * to keep in mind here is that a {@code where} clause takes every {@code and}-joined filter that follows,
 * until a count, a window, {@code or}, {@code )}, or an {@code and} followed by {@code did}, {@code not},
 * {@code in} or {@code (}.
 */
public final class TextParser {
    static final int MAX_DEPTH = 100;
    private static final String OPERATORS = "=, !=, <, <=, >, >=, in, not in, contains, starts with, is set or is not set";

    private final List<Token> tokens;
    private final Map<Object, Position> positions = new IdentityHashMap<>();
    private int at;
    private int depth;

    private TextParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws DefinitionException with the line and column of the first problem */
    public static ParsedDefinition parse(String text) {
        Objects.requireNonNull(text, "text");
        TextParser parser = new TextParser(Lexer.tokenize(text));
        Condition condition = parser.definition();
        return new ParsedDefinition(condition, parser.positions);
    }

    private Condition definition() {
        if (peek().kind() == TokenKind.END) {
            throw error(peek(), "the definition is empty: write a condition, such as did page_view in last 30 days");
        }
        Condition condition = orExpr();
        Token rest = peek();
        if (rest.kind() != TokenKind.END) {
            throw error(rest, "unexpected " + rest.describe() + " after a complete condition: join conditions with 'and' or 'or'");
        }
        return condition;
    }

    // ---- and / or / not / ( ) -------------------------------------------------------------------------------

    private Condition orExpr() {
        Token start = peek();
        List<Condition> items = new ArrayList<>();
        addFlattened(items, andExpr(), Condition.Or.class);
        while (peek().isWord("or")) {
            next();
            addFlattened(items, andExpr(), Condition.Or.class);
        }
        return items.size() == 1 ? items.get(0) : at(new Condition.Or(items), start);
    }

    private Condition andExpr() {
        Token start = peek();
        List<Condition> items = new ArrayList<>();
        addFlattened(items, unary(), Condition.And.class);
        while (peek().isWord("and")) {
            next();
            addFlattened(items, unary(), Condition.And.class);
        }
        return items.size() == 1 ? items.get(0) : at(new Condition.And(items), start);
    }

    /** {@code a and (b and c)} is {@code And[a, b, c]}: a group of the same kind adds its items. */
    private void addFlattened(List<Condition> items, Condition item, Class<? extends Condition> kind) {
        if (item instanceof Condition.And and && kind == Condition.And.class) {
            items.addAll(and.items());
            positions.remove(item);
        } else if (item instanceof Condition.Or or && kind == Condition.Or.class) {
            items.addAll(or.items());
            positions.remove(item);
        } else {
            items.add(item);
        }
    }

    private Condition unary() {
        if (!peek().isWord("not")) return primary();
        Token not = next();
        enter(not);
        Condition item = unary();
        depth--;
        return at(new Condition.Not(item), not);
    }

    private Condition primary() {
        Token t = peek();
        if (t.kind() == TokenKind.LPAREN) return group();
        if (t.isWord("did")) return did();
        if (t.isWord("in")) return inSegment();
        if (t.kind() == TokenKind.WORD && !t.isWord("and") && !t.isWord("or")) return profileMatch();
        if (t.kind() == TokenKind.NAME) {
            throw error(t, "a name in backticks is an event or property name; for an attribute, write attributes." + t.text());
        }
        throw error(t, "expected a condition (did ..., in segment ..., not ..., a profile field or '('), found " + t.describe());
    }

    private Condition group() {
        Token open = next();
        enter(open);
        Condition inner = orExpr();
        Token close = peek();
        if (close.kind() != TokenKind.RPAREN) {
            throw error(close, "expected ')' to close the '(' at line " + open.line() + ", column " + open.column()
                    + ", found " + close.describe());
        }
        next();
        depth--;
        return inner;
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) throw error(t, "nested more than " + MAX_DEPTH + " levels deep");
    }

    // ---- in segment ---------------------------------------------------------------------------------------------

    private Condition inSegment() {
        next();
        Token segment = next();
        if (!segment.isWord("segment")) {
            throw error(segment, "expected 'segment' after 'in' (in segment \"key\"), found " + segment.describe());
        }
        Token key = next();
        if (key.kind() != TokenKind.STRING) {
            throw error(key, "expected the segment's key in quotes after 'in segment', found " + key.describe());
        }
        return at(new Condition.InSegment((String) key.value()), key);
    }

    // ---- did ----------------------------------------------------------------------------------------------------

    private Condition did() {
        Token did = next();
        boolean negated = peek().isWord("not");
        if (negated) next();
        Token event = next();
        if (!event.isName()) {
            throw error(event, "expected an event name after '" + (negated ? "did not" : "did") + "', found " + event.describe());
        }
        List<PropertyFilter> where = peek().isWord("where") ? where() : List.of();
        Count count = null;
        Window window = null;
        while (true) {
            Token t = peek();
            if (t.isWord("at") || t.isWord("exactly") || t.isWord("once")) {
                if (count != null) throw error(t, "a did clause takes one count, and this is a second one");
                count = count();
            } else if ((t.isWord("in") && !peek(1).isWord("segment")) || t.isWord("between") || t.isWord("ever")) {
                if (window != null) throw error(t, "a did clause takes one window, and this is a second one");
                window = window();
            } else {
                break;
            }
        }
        Condition.Did node = at(new Condition.Did(event.name(), where,
                count == null ? Count.AT_LEAST_ONCE : count, window == null ? new Window.Ever() : window), event);
        return negated ? at(new Condition.Not(node), did) : node;
    }

    private List<PropertyFilter> where() {
        next();
        List<PropertyFilter> filters = new ArrayList<>();
        filters.add(filter());
        while (peek().isWord("and") && startsFilter(peek(1))) {
            next();
            filters.add(filter());
        }
        return filters;
    }

    /** After {@code and} inside a where clause: another filter, unless a new condition plainly starts. */
    private static boolean startsFilter(Token t) {
        return t.isName() && !t.isWord("did") && !t.isWord("not") && !t.isWord("in");
    }

    private PropertyFilter filter() {
        Token property = next();
        if (!property.isName()) throw error(property, "expected a property name, found " + property.describe());
        Token t = peek();
        if ((t.isWord("in") && peek(1).isWord("last")) || t.isWord("between")) {
            throw error(t, "event properties take no window: put the window after the filters "
                    + "(did page_view where url = \"/pricing\" in last 30 days); to test a profile field instead, "
                    + "end the where clause first with a window or parentheses");
        }
        Comparison c = operatorAndValues("\"" + property.name() + "\"", false);
        return at(new PropertyFilter(property.name(), c.op(), c.values()), property);
    }

    private Count count() {
        Token first = next();
        if (first.isWord("once")) return at(new Count(Count.Kind.AT_LEAST, 1), first);
        Count.Kind kind;
        String words;
        if (first.isWord("exactly")) {
            kind = Count.Kind.EXACTLY;
            words = "exactly";
        } else {
            Token second = next();
            if (second.isWord("least")) kind = Count.Kind.AT_LEAST;
            else if (second.isWord("most")) kind = Count.Kind.AT_MOST;
            else throw error(second, "expected 'least' or 'most' after 'at', found " + second.describe());
            words = "at " + second.text().toLowerCase(Locale.ROOT);
        }
        long n = wholeNumber(words);
        Token times = next();
        if (!times.isWord("time") && !times.isWord("times")) {
            throw error(times, "expected 'times' after '" + words + " " + n + "', found " + times.describe());
        }
        return at(new Count(kind, n), first);
    }

    // ---- windows ------------------------------------------------------------------------------------------------

    private Window window() {
        Token first = next();
        if (first.isWord("ever")) return at(new Window.Ever(), first);
        if (first.isWord("between")) {
            TimeLiteral from = timeAfter("'between'");
            Token and = next();
            if (!and.isWord("and")) {
                throw error(and, "expected 'and' after 'between " + TimeLiteral.format(from.instant()) + "', found "
                        + and.describe());
            }
            TimeLiteral to = timeAfter("'between ... and'");
            return at(new Window.Between(from.instant(), to.endExclusive()), first);
        }
        Token last = next();
        if (!last.isWord("last")) throw error(last, "expected 'last' after 'in' (in last 30 days), found " + last.describe());
        long amount = wholeNumber("in last");
        Token unit = next();
        if (unit.kind() != TokenKind.WORD) {
            throw error(unit, "expected a time unit (" + TimeUnits.ALLOWED + ") after 'in last " + amount + "', found "
                    + unit.describe());
        }
        Window.TimeUnit timeUnit = TimeUnits.fromWord(unit.text()).orElseThrow(() ->
                error(unit, "unknown time unit \"" + unit.text() + "\": use " + TimeUnits.ALLOWED));
        return at(new Window.Last(amount, timeUnit), first);
    }

    private TimeLiteral timeAfter(String after) {
        Token t = next();
        if (t.kind() == TokenKind.TIME) return (TimeLiteral) t.value();
        if (t.kind() == TokenKind.STRING) {
            var parsed = TimeLiteral.parse((String) t.value());
            if (parsed.isPresent()) return parsed.get();
        }
        throw error(t, "expected " + TimeLiteral.expectation() + " after " + after + ", found " + t.describe());
    }

    private long wholeNumber(String after) {
        Token t = next();
        if (t.kind() != TokenKind.NUMBER) throw error(t, "expected a number after '" + after + "', found " + t.describe());
        BigDecimal n = (BigDecimal) t.value();
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw error(t, "expected a whole number after '" + after + "', found " + t.describe());
        }
    }

    // ---- profile fields -----------------------------------------------------------------------------------------

    private Condition profileMatch() {
        Token start = peek();
        ProfileField field = field();
        String subject = field.attribute() ? "attribute \"" + field.name() + "\"" : field.name();
        Token t = peek();
        if ((t.isWord("in") && peek(1).isWord("last")) || t.isWord("between")) {
            return at(new Condition.ProfileMatch(field, Op.WITHIN, List.of(), window()), start);
        }
        Comparison c = operatorAndValues(subject, field.isTime());
        return at(new Condition.ProfileMatch(field, c.op(), c.values(), null), start);
    }

    private ProfileField field() {
        Token t = next();
        String text = t.text();
        if (text.equals(Names.ATTRIBUTES_PREFIX)) {
            Token name = next();
            if (name.kind() != TokenKind.NAME) {
                throw error(name, "expected an attribute name after 'attributes.', found " + name.describe());
            }
            return ProfileField.attribute(name.name());
        }
        if (text.startsWith(Names.ATTRIBUTES_PREFIX)) {
            return ProfileField.attribute(text.substring(Names.ATTRIBUTES_PREFIX.length()));
        }
        return ProfileField.BUILT_IN.contains(text) ? ProfileField.builtIn(text) : ProfileField.attribute(text);
    }

    // ---- operators and values -----------------------------------------------------------------------------------

    /** An operator and its values, as read after a property or field. */
    private record Comparison(Op op, List<Value> values) {}

    private Comparison operatorAndValues(String subject, boolean timeField) {
        Token t = next();
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
            expectWord("in", "'not' (not in (...))");
            return new Comparison(Op.NOT_IN, valueList(timeField, "not in"));
        }
        if (t.isWord("contains")) return new Comparison(Op.CONTAINS, List.of(text("contains")));
        if (t.isWord("starts")) {
            expectWord("with", "'starts' (starts with \"...\")");
            return new Comparison(Op.STARTS_WITH, List.of(text("starts with")));
        }
        if (t.isWord("is")) {
            Token next = next();
            if (next.isWord("set")) return new Comparison(Op.IS_SET, List.of());
            if (next.isWord("not")) {
                expectWord("set", "'is not'");
                return new Comparison(Op.IS_NOT_SET, List.of());
            }
            throw error(next, "expected 'set' or 'not set' after 'is', found " + next.describe());
        }
        throw error(t, "expected an operator after " + subject + " (" + OPERATORS + "), found " + t.describe());
    }

    private void expectWord(String word, String after) {
        Token t = next();
        if (!t.isWord(word)) throw error(t, "expected '" + word + "' after " + after + ", found " + t.describe());
    }

    private List<Value> valueList(boolean timeField, String op) {
        Token open = next();
        if (open.kind() != TokenKind.LPAREN) {
            throw error(open, "expected '(' and a list of values after '" + op + "', as in " + op
                    + " (\"pro\", \"team\"), found " + open.describe());
        }
        List<Value> values = new ArrayList<>();
        values.add(value(timeField, "("));
        while (peek().kind() == TokenKind.COMMA) {
            next();
            values.add(value(timeField, ","));
        }
        Token close = next();
        if (close.kind() != TokenKind.RPAREN) {
            throw error(close, "expected ',' or ')' in the list of values, found " + close.describe());
        }
        return values;
    }

    private Value text(String op) {
        Token t = next();
        if (t.kind() != TokenKind.STRING) {
            throw error(t, "expected text in quotes after '" + op + "', found " + t.describe());
        }
        return at(new Value.Text((String) t.value()), t);
    }

    /** A literal; for a time field (created_at, updated_at) quoted text is read as a date or time. */
    private Value value(boolean timeField, String after) {
        Token t = next();
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
        return at(value, t);
    }

    private Value timeInQuotes(Token t) {
        return TimeLiteral.parse((String) t.value()).map(lit -> (Value) new Value.Time(lit.instant()))
                .orElseThrow(() -> error(t, "expected " + TimeLiteral.expectation() + ", found " + t.describe()));
    }

    // ---- tokens -------------------------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(at);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != TokenKind.END) at++;
        return t;
    }

    private <T> T at(T node, Token token) {
        positions.put(node, token.position());
        return node;
    }

    private static DefinitionException error(Token t, String message) {
        return new DefinitionException(t.line(), t.column(), message);
    }
}
