package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static dev.audience.segment.lang.TokenCursor.error;

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

    private final TokenCursor tokens;
    private final ComparisonParser comparisons;
    private int depth;

    private TextParser(TokenCursor tokens) {
        this.tokens = tokens;
        this.comparisons = new ComparisonParser(tokens);
    }

    /** @throws DefinitionException with the line and column of the first problem */
    public static ParsedDefinition parse(String text) {
        Objects.requireNonNull(text, "text");
        TokenCursor tokens = new TokenCursor(Lexer.tokenize(text));
        Condition condition = new TextParser(tokens).definition();
        return new ParsedDefinition(condition, tokens.positions());
    }

    private Condition definition() {
        if (tokens.peek().kind() == TokenKind.END) {
            throw error(tokens.peek(), "the definition is empty: write a condition, such as did page_view in last 30 days");
        }
        Condition condition = orExpr();
        Token rest = tokens.peek();
        if (rest.kind() != TokenKind.END) {
            throw error(rest, "unexpected " + rest.describe() + " after a complete condition: join conditions with 'and' or 'or'");
        }
        return condition;
    }

    // ---- and / or / not / ( ) -------------------------------------------------------------------------------

    private Condition orExpr() {
        Token start = tokens.peek();
        List<Condition> items = new ArrayList<>();
        addFlattened(items, andExpr(), Condition.Or.class);
        while (tokens.peek().isWord("or")) {
            tokens.next();
            addFlattened(items, andExpr(), Condition.Or.class);
        }
        return items.size() == 1 ? items.get(0) : tokens.note(new Condition.Or(items), start);
    }

    private Condition andExpr() {
        Token start = tokens.peek();
        List<Condition> items = new ArrayList<>();
        addFlattened(items, unary(), Condition.And.class);
        while (tokens.peek().isWord("and")) {
            tokens.next();
            addFlattened(items, unary(), Condition.And.class);
        }
        return items.size() == 1 ? items.get(0) : tokens.note(new Condition.And(items), start);
    }

    /** {@code a and (b and c)} is {@code And[a, b, c]}: a group of the same kind adds its items. */
    private void addFlattened(List<Condition> items, Condition item, Class<? extends Condition> kind) {
        if (item instanceof Condition.And and && kind == Condition.And.class) {
            items.addAll(and.items());
            tokens.forget(item);
        } else if (item instanceof Condition.Or or && kind == Condition.Or.class) {
            items.addAll(or.items());
            tokens.forget(item);
        } else {
            items.add(item);
        }
    }

    private Condition unary() {
        if (!tokens.peek().isWord("not")) return primary();
        Token not = tokens.next();
        enter(not);
        Condition item = unary();
        depth--;
        return tokens.note(new Condition.Not(item), not);
    }

    private Condition primary() {
        Token t = tokens.peek();
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
        Token open = tokens.next();
        enter(open);
        Condition inner = orExpr();
        Token close = tokens.peek();
        if (close.kind() != TokenKind.RPAREN) {
            throw error(close, "expected ')' to close the '(' at line " + open.line() + ", column " + open.column()
                    + ", found " + close.describe());
        }
        tokens.next();
        depth--;
        return inner;
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) throw error(t, "nested more than " + MAX_DEPTH + " levels deep");
    }

    // ---- in segment ---------------------------------------------------------------------------------------------

    private Condition inSegment() {
        tokens.next();
        Token segment = tokens.next();
        if (!segment.isWord("segment")) {
            throw error(segment, "expected 'segment' after 'in' (in segment \"key\"), found " + segment.describe());
        }
        Token key = tokens.next();
        if (key.kind() != TokenKind.STRING) {
            throw error(key, "expected the segment's key in quotes after 'in segment', found " + key.describe());
        }
        return tokens.note(new Condition.InSegment((String) key.value()), key);
    }

    // ---- did ----------------------------------------------------------------------------------------------------

    private Condition did() {
        Token did = tokens.next();
        boolean negated = tokens.peek().isWord("not");
        if (negated) tokens.next();
        Token event = tokens.next();
        if (!event.isName()) {
            throw error(event, "expected an event name after '" + (negated ? "did not" : "did") + "', found " + event.describe());
        }
        List<PropertyFilter> where = tokens.peek().isWord("where") ? where() : List.of();
        Count count = null;
        Window window = null;
        while (true) {
            Token t = tokens.peek();
            if (t.isWord("at") || t.isWord("exactly") || t.isWord("once")) {
                if (count != null) throw error(t, "a did clause takes one count, and this is a second one");
                count = count();
            } else if ((t.isWord("in") && !tokens.peek(1).isWord("segment")) || t.isWord("between") || t.isWord("ever")) {
                if (window != null) throw error(t, "a did clause takes one window, and this is a second one");
                window = window();
            } else {
                break;
            }
        }
        Condition.Did node = tokens.note(new Condition.Did(event.name(), where,
                count == null ? Count.AT_LEAST_ONCE : count, window == null ? new Window.Ever() : window), event);
        return negated ? tokens.note(new Condition.Not(node), did) : node;
    }

    private List<PropertyFilter> where() {
        tokens.next();
        List<PropertyFilter> filters = new ArrayList<>();
        filters.add(filter());
        while (tokens.peek().isWord("and") && startsFilter(tokens.peek(1))) {
            tokens.next();
            filters.add(filter());
        }
        return filters;
    }

    /** After {@code and} inside a where clause: another filter, unless a new condition plainly starts. */
    private static boolean startsFilter(Token t) {
        return t.isName() && !t.isWord("did") && !t.isWord("not") && !t.isWord("in");
    }

    private PropertyFilter filter() {
        Token property = tokens.next();
        if (!property.isName()) throw error(property, "expected a property name, found " + property.describe());
        Token t = tokens.peek();
        if ((t.isWord("in") && tokens.peek(1).isWord("last")) || t.isWord("between")) {
            throw error(t, "event properties take no window: put the window after the filters "
                    + "(did page_view where url = \"/pricing\" in last 30 days); to test a profile field instead, "
                    + "end the where clause first with a window or parentheses");
        }
        ComparisonParser.Comparison c = comparisons.read("\"" + property.name() + "\"", false);
        return tokens.note(new PropertyFilter(property.name(), c.op(), c.values()), property);
    }

    private Count count() {
        Token first = tokens.next();
        if (first.isWord("once")) return tokens.note(new Count(Count.Kind.AT_LEAST, 1), first);
        Count.Kind kind;
        String words;
        if (first.isWord("exactly")) {
            kind = Count.Kind.EXACTLY;
            words = "exactly";
        } else {
            Token second = tokens.next();
            if (second.isWord("least")) kind = Count.Kind.AT_LEAST;
            else if (second.isWord("most")) kind = Count.Kind.AT_MOST;
            else throw error(second, "expected 'least' or 'most' after 'at', found " + second.describe());
            words = "at " + second.text().toLowerCase(Locale.ROOT);
        }
        long n = wholeNumber(words);
        Token times = tokens.next();
        if (!times.isWord("time") && !times.isWord("times")) {
            throw error(times, "expected 'times' after '" + words + " " + n + "', found " + times.describe());
        }
        return tokens.note(new Count(kind, n), first);
    }

    // ---- windows ------------------------------------------------------------------------------------------------

    private Window window() {
        Token first = tokens.next();
        if (first.isWord("ever")) return tokens.note(new Window.Ever(), first);
        if (first.isWord("between")) {
            TimeLiteral from = timeAfter("'between'");
            Token and = tokens.next();
            if (!and.isWord("and")) {
                throw error(and, "expected 'and' after 'between " + TimeLiteral.format(from.instant()) + "', found "
                        + and.describe());
            }
            TimeLiteral to = timeAfter("'between ... and'");
            return tokens.note(new Window.Between(from.instant(), to.endExclusive()), first);
        }
        Token last = tokens.next();
        if (!last.isWord("last")) throw error(last, "expected 'last' after 'in' (in last 30 days), found " + last.describe());
        long amount = wholeNumber("in last");
        Token unit = tokens.next();
        if (unit.kind() != TokenKind.WORD) {
            throw error(unit, "expected a time unit (" + TimeUnits.ALLOWED + ") after 'in last " + amount + "', found "
                    + unit.describe());
        }
        Window.TimeUnit timeUnit = TimeUnits.fromWord(unit.text()).orElseThrow(() ->
                error(unit, "unknown time unit \"" + unit.text() + "\": use " + TimeUnits.ALLOWED));
        return tokens.note(new Window.Last(amount, timeUnit), first);
    }

    private TimeLiteral timeAfter(String after) {
        Token t = tokens.next();
        if (t.kind() == TokenKind.TIME) return (TimeLiteral) t.value();
        if (t.kind() == TokenKind.STRING) {
            var parsed = TimeLiteral.parse((String) t.value());
            if (parsed.isPresent()) return parsed.get();
        }
        throw error(t, "expected " + TimeLiteral.expectation() + " after " + after + ", found " + t.describe());
    }

    private long wholeNumber(String after) {
        Token t = tokens.next();
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
        Token start = tokens.peek();
        ProfileField field = field();
        String subject = field.attribute() ? "attribute \"" + field.name() + "\"" : field.name();
        Token t = tokens.peek();
        if ((t.isWord("in") && tokens.peek(1).isWord("last")) || t.isWord("between")) {
            return tokens.note(new Condition.ProfileMatch(field, Op.WITHIN, List.of(), window()), start);
        }
        ComparisonParser.Comparison c = comparisons.read(subject, field.isTime());
        return tokens.note(new Condition.ProfileMatch(field, c.op(), c.values(), null), start);
    }

    private ProfileField field() {
        Token t = tokens.next();
        String text = t.text();
        if (text.equals(Names.ATTRIBUTES_PREFIX)) {
            Token name = tokens.next();
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
}
