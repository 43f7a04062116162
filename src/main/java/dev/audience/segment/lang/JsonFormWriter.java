package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a tree in the JSON form (see {@link JsonForm}) as plain Java values, keys in a stable order and
 * defaults left out, so that what {@link JsonFormReader} reads is what was written.
 */
final class JsonFormWriter {
    private JsonFormWriter() {}

    static Object write(Condition condition) {
        return switch (condition) {
            case Condition.And and -> one("and", and.items().stream().map(JsonFormWriter::write).toList());
            case Condition.Or or -> one("or", or.items().stream().map(JsonFormWriter::write).toList());
            case Condition.Not(Condition.Did did) -> one("didNot", did(did));
            case Condition.Not not -> one("not", write(not.item()));
            case Condition.Did did -> one("did", did(did));
            case Condition.ProfileMatch match -> one("profile", profile(match));
            case Condition.InSegment in -> one("inSegment", in.key());
        };
    }

    private static Map<String, Object> did(Condition.Did did) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", did.event());
        if (!did.where().isEmpty()) out.put("where", did.where().stream().map(JsonFormWriter::filter).toList());
        if (!did.count().equals(Count.AT_LEAST_ONCE)) out.put("count", count(did.count()));
        if (!(did.window() instanceof Window.Ever)) out.put("window", window(did.window()));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Object> filter(PropertyFilter filter) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("property", filter.property());
        putOpAndValues(out, filter.op(), filter.values());
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Object> profile(Condition.ProfileMatch match) {
        Map<String, Object> out = new LinkedHashMap<>();
        ProfileField field = match.field();
        boolean prefixed = field.attribute()
                && (ProfileField.BUILT_IN.contains(field.name()) || field.name().startsWith(Names.ATTRIBUTES_PREFIX));
        out.put("field", prefixed ? Names.ATTRIBUTES_PREFIX + field.name() : field.name());
        if (match.op() == Op.WITHIN) out.put("window", window(match.window()));
        else putOpAndValues(out, match.op(), match.values());
        return Collections.unmodifiableMap(out);
    }

    /** @throws IllegalArgumentException for an operator given the wrong number of values */
    private static void putOpAndValues(Map<String, Object> out, Op op, List<Value> values) {
        out.put("op", op.text());
        switch (op) {
            case IS_SET, IS_NOT_SET -> {
                if (!values.isEmpty()) throw new IllegalArgumentException("'" + op.text() + "' takes no value");
            }
            case IN, NOT_IN -> out.put("values", values.stream().map(JsonFormWriter::value).toList());
            default -> {
                if (values.size() != 1) throw new IllegalArgumentException("'" + op.text() + "' takes one value");
                out.put("value", value(values.get(0)));
            }
        }
    }

    private static Map<String, Object> count(Count count) {
        String key = switch (count.kind()) {
            case AT_LEAST -> "atLeast";
            case AT_MOST -> "atMost";
            case EXACTLY -> "exactly";
        };
        return one(key, whole(count.n()));
    }

    private static Object window(Window window) {
        return switch (window) {
            case Window.Ever ever -> "ever";
            case Window.Last last -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("last", whole(last.amount()));
                out.put("unit", last.unit().name().toLowerCase(Locale.ROOT));
                yield Collections.unmodifiableMap(out);
            }
            case Window.Between between -> {
                boolean dates = TimeLiteral.isMidnight(between.from()) && TimeLiteral.isMidnight(between.to());
                yield one("between", List.of(TimeLiteral.format(between.from()),
                        dates ? TimeLiteral.lastDay(between.to()) : between.to().toString()));
            }
        };
    }

    private static Object value(Value value) {
        return switch (value) {
            case Value.Text t -> t.value();
            case Value.Number n -> number(n.value());
            case Value.Bool b -> b.value();
            case Value.Time t -> TimeLiteral.format(t.value());
        };
    }

    /** Integer or Long for a whole number (as a JSON library reads them back), else the exact BigDecimal. */
    private static Object number(BigDecimal n) {
        if (n.scale() > 0) return n;
        try {
            return whole(n.longValueExact());
        } catch (ArithmeticException e) {
            return n;
        }
    }

    private static Object whole(long n) {
        return n == (int) n ? (Object) (int) n : (Object) n;
    }

    private static Map<String, Object> one(String key, Object value) {
        return Collections.singletonMap(key, value);
    }
}
