package dev.audience.segment.lang;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a tree as canonical text: the form shown to people whatever form the definition was saved in, and
 * one that {@link TextParser} reads back to an equal tree (for trees whose and / or are flat, as both forms
 * produce). Every did clause ends with its window, {@code ever} included, so that an {@code and} after it can
 * never be read as one more filter; the count is left out when it is the default, at least once.
 */
public final class TextRenderer {
    private static final int OR = 1;
    private static final int AND = 2;
    private static final int UNARY = 3;

    private TextRenderer() {}

    /** @throws IllegalArgumentException for an operator given the wrong number of values, which no text can say */
    public static String render(Condition condition) {
        return render(condition, OR);
    }

    /** Parenthesises when the condition binds less tightly than where it stands. */
    private static String render(Condition c, int context) {
        String text = switch (c) {
            case Condition.Or or -> join(or.items(), " or ", AND);
            case Condition.And and -> join(and.items(), " and ", UNARY);
            case Condition.Not(Condition.Did did) -> "did not " + didBody(did);
            case Condition.Not not -> "not " + render(not.item(), UNARY);
            case Condition.Did did -> "did " + didBody(did);
            case Condition.ProfileMatch m -> field(m.field()) + " " + operatorAndValues(m.op(), m.values(), m.window());
            case Condition.InSegment in -> "in segment " + string(in.key());
        };
        return precedence(c) < context ? "(" + text + ")" : text;
    }

    /**
     * An and inside an or needs no parentheses; a group inside a group of its own kind (which neither form
     * produces, as both flatten) keeps them, so the text shows the tree.
     */
    private static String join(List<Condition> items, String separator, int itemContext) {
        return items.stream().map(item -> render(item, itemContext)).collect(Collectors.joining(separator));
    }

    private static int precedence(Condition c) {
        return switch (c) {
            case Condition.Or or -> OR;
            case Condition.And and -> AND;
            default -> UNARY;
        };
    }

    private static String didBody(Condition.Did did) {
        StringBuilder out = new StringBuilder(name(did.event()));
        if (!did.where().isEmpty()) {
            out.append(" where ").append(did.where().stream()
                    .map(f -> name(f.property()) + " " + operatorAndValues(f.op(), f.values(), null))
                    .collect(Collectors.joining(" and ")));
        }
        if (!did.count().equals(Count.AT_LEAST_ONCE)) out.append(' ').append(count(did.count()));
        return out.append(' ').append(window(did.window())).toString();
    }

    static String count(Count count) {
        String words = switch (count.kind()) {
            case AT_LEAST -> "at least ";
            case AT_MOST -> "at most ";
            case EXACTLY -> "exactly ";
        };
        return words + count.n() + (count.n() == 1 ? " time" : " times");
    }

    static String window(Window window) {
        return switch (window) {
            case Window.Ever ever -> "ever";
            case Window.Last last -> "in last " + last.amount() + " " + TimeUnits.word(last.unit(), last.amount());
            case Window.Between between -> {
                boolean dates = TimeLiteral.isMidnight(between.from()) && TimeLiteral.isMidnight(between.to());
                yield "between " + time(between.from()) + " and "
                        + (dates ? TimeLiteral.lastDay(between.to()) : bare(between.to().toString()));
            }
        };
    }

    private static String operatorAndValues(Op op, List<Value> values, Window window) {
        return switch (op) {
            case WITHIN -> window(window);
            case IS_SET, IS_NOT_SET -> {
                requireValues(op, values, values.isEmpty());
                yield op.text();
            }
            case IN, NOT_IN -> {
                requireValues(op, values, !values.isEmpty());
                yield op.text() + " (" + values.stream().map(TextRenderer::value).collect(Collectors.joining(", ")) + ")";
            }
            default -> {
                requireValues(op, values, values.size() == 1);
                yield op.text() + " " + value(values.get(0));
            }
        };
    }

    private static void requireValues(Op op, List<Value> values, boolean ok) {
        if (!ok) throw new IllegalArgumentException("'" + op.text() + "' cannot take " + values.size() + " values");
    }

    static String value(Value value) {
        return switch (value) {
            case Value.Text t -> string(t.value());
            case Value.Number n -> n.value().toPlainString();
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Time t -> time(t.value());
        };
    }

    /** Bare ({@code 2026-01-31}, {@code 2026-01-31T10:00:00Z}) when it lexes as one token, else in quotes. */
    private static String time(Instant t) {
        return bare(TimeLiteral.format(t));
    }

    /** Years outside 0000-9999 print with a sign, which the lexer does not read as a time: those go in quotes. */
    private static String bare(String time) {
        return Character.isDigit(time.charAt(0)) ? time : string(time);
    }

    private static String field(ProfileField field) {
        String name = field.name();
        if (!field.attribute()) return name;
        boolean bare = Names.isBare(name) && !ProfileField.BUILT_IN.contains(name) && !name.startsWith(Names.ATTRIBUTES_PREFIX);
        if (bare) return name;
        return Names.ATTRIBUTES_PREFIX + (Names.isWord(name) ? name : quote(name, '`'));
    }

    /** An event or property name: bare when it is a plain word, else in backticks. */
    static String name(String name) {
        return Names.isBare(name) ? name : quote(name, '`');
    }

    static String string(String s) {
        return quote(s, '"');
    }

    private static String quote(String s, char quote) {
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c == quote) out.append('\\').append(c);
                    else if (Character.isISOControl(c)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append(quote).toString();
    }
}
