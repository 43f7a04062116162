package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the JSON form (see {@link JsonForm}) from plain Java values. Every error names the JSON path of the
 * member at fault, so that a builder UI or an API client can point at it; unknown keys are errors, because
 * a misspelt optional key would otherwise be silently ignored.
 */
final class JsonFormReader {
    private static final List<String> CONDITION_KEYS = List.of("and", "or", "not", "did", "didNot", "profile", "inSegment");
    private static final List<String> DID_KEYS = List.of("event", "where", "count", "window");
    private static final List<String> FILTER_KEYS = List.of("property", "op", "value", "values");
    private static final List<String> PROFILE_KEYS = List.of("field", "op", "value", "values", "window");
    private static final List<String> COUNT_KEYS = List.of("atLeast", "atMost", "exactly");
    private static final List<String> WINDOW_KEYS = List.of("last", "unit", "between");
    /** Besides no op at all, what a profile condition with a window may give as its op. */
    private static final List<String> WINDOW_OPS = List.of("in", "in last", "between", "within");
    private static final Map<String, Op> OPS = Arrays.stream(Op.values()).filter(op -> op != Op.WITHIN)
            .collect(Collectors.toUnmodifiableMap(Op::text, Function.identity()));
    private static final String OP_LIST = Arrays.stream(Op.values()).filter(op -> op != Op.WITHIN)
            .map(op -> "\"" + op.text() + "\"").collect(Collectors.joining(", "));

    private int depth;

    private JsonFormReader() {}

    static Condition read(Object json) {
        return new JsonFormReader().condition(json, "");
    }

    // ---- conditions ---------------------------------------------------------------------------------------------

    private Condition condition(Object json, String path) {
        if (++depth > TextParser.MAX_DEPTH) throw error(path, "nested more than " + TextParser.MAX_DEPTH + " levels deep");
        Map<String, Object> obj = object(json, path, "a condition");
        checkKeys(obj, path, CONDITION_KEYS, "a condition");
        if (obj.size() != 1) {
            throw error(path, "a condition has exactly one key (" + String.join(", ", CONDITION_KEYS) + "), found "
                    + (obj.isEmpty() ? "none" : String.join(", ", obj.keySet())));
        }
        Map.Entry<String, Object> only = obj.entrySet().iterator().next();
        String at = member(path, only.getKey());
        Condition condition = switch (only.getKey()) {
            case "and" -> new Condition.And(group(only.getValue(), at, Condition.And.class));
            case "or" -> new Condition.Or(group(only.getValue(), at, Condition.Or.class));
            case "not" -> new Condition.Not(condition(only.getValue(), at));
            case "did" -> did(only.getValue(), at);
            case "didNot" -> new Condition.Not(did(only.getValue(), at));
            case "profile" -> profile(only.getValue(), at);
            default -> inSegment(only.getValue(), at);
        };
        depth--;
        return condition;
    }

    /** The items of an and / or; a nested group of the same kind adds its items, as in the text form. */
    private List<Condition> group(Object json, String path, Class<? extends Condition> kind) {
        List<Object> list = list(json, path, "a list of conditions");
        if (list.size() < 2) throw error(path, "needs two or more conditions, found " + list.size());
        List<Condition> items = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            Condition item = condition(list.get(k), path + "[" + k + "]");
            if (item instanceof Condition.And and && kind == Condition.And.class) items.addAll(and.items());
            else if (item instanceof Condition.Or or && kind == Condition.Or.class) items.addAll(or.items());
            else items.add(item);
        }
        return items;
    }

    private Condition inSegment(Object json, String path) {
        if (!(json instanceof String key)) throw error(path, "expected a segment key (a string), found " + describe(json));
        return new Condition.InSegment(key);
    }

    // ---- did ----------------------------------------------------------------------------------------------------

    private Condition.Did did(Object json, String path) {
        Map<String, Object> obj = object(json, path, "an event condition");
        checkKeys(obj, path, DID_KEYS, "an event condition");
        String event = requiredString(obj, path, "event");
        List<PropertyFilter> where = new ArrayList<>();
        if (obj.containsKey("where")) {
            String at = member(path, "where");
            List<Object> list = list(obj.get("where"), at, "a list of property filters");
            for (int k = 0; k < list.size(); k++) where.add(filter(list.get(k), at + "[" + k + "]"));
        }
        Count count = obj.containsKey("count") ? count(obj.get("count"), member(path, "count")) : Count.AT_LEAST_ONCE;
        Window window = obj.containsKey("window") ? window(obj.get("window"), member(path, "window")) : new Window.Ever();
        return new Condition.Did(event, where, count, window);
    }

    private PropertyFilter filter(Object json, String path) {
        Map<String, Object> obj = object(json, path, "a property filter");
        checkKeys(obj, path, FILTER_KEYS, "a property filter");
        String property = requiredString(obj, path, "property");
        Op op = op(obj, path);
        return new PropertyFilter(property, op, values(obj, path, op, false));
    }

    private Count count(Object json, String path) {
        Map<String, Object> obj = object(json, path, "a count ({\"atLeast\": 3}, {\"atMost\": 2} or {\"exactly\": 1})");
        checkKeys(obj, path, COUNT_KEYS, "a count");
        if (obj.size() != 1) {
            throw error(path, "a count has one key (atLeast, atMost or exactly), found "
                    + (obj.isEmpty() ? "none" : String.join(", ", obj.keySet())));
        }
        String key = obj.keySet().iterator().next();
        long n = wholeNumber(obj.get(key), member(path, key));
        return new Count(switch (key) {
            case "atLeast" -> Count.Kind.AT_LEAST;
            case "atMost" -> Count.Kind.AT_MOST;
            default -> Count.Kind.EXACTLY;
        }, n);
    }

    // ---- windows ------------------------------------------------------------------------------------------------

    private Window window(Object json, String path) {
        if ("ever".equals(json)) return new Window.Ever();
        if (!(json instanceof Map<?, ?>)) {
            throw error(path, "expected \"ever\", {\"last\": 30, \"unit\": \"days\"} or {\"between\": [\"2026-01-01\", "
                    + "\"2026-01-31\"]}, found " + describe(json));
        }
        Map<String, Object> obj = object(json, path, "a window");
        checkKeys(obj, path, WINDOW_KEYS, "a window");
        if (obj.containsKey("between")) {
            if (obj.size() > 1) throw error(path, "a window is either {\"last\", \"unit\"} or {\"between\"}, not both");
            return between(obj.get("between"), member(path, "between"));
        }
        if (!obj.containsKey("last")) throw error(member(path, "last"), "is required (or give \"between\")");
        long amount = wholeNumber(obj.get("last"), member(path, "last"));
        String unitPath = member(path, "unit");
        String word = requiredString(obj, path, "unit");
        Window.TimeUnit unit = TimeUnits.fromWord(word).orElseThrow(() ->
                error(unitPath, "unknown time unit \"" + word + "\": use " + TimeUnits.ALLOWED));
        return new Window.Last(amount, unit);
    }

    private Window between(Object json, String path) {
        List<Object> ends = list(json, path, "a list of two dates or times");
        if (ends.size() != 2) throw error(path, "expected two dates or times (from, to), found " + ends.size());
        TimeLiteral from = time(ends.get(0), path + "[0]");
        TimeLiteral to = time(ends.get(1), path + "[1]");
        return new Window.Between(from.instant(), to.endExclusive());
    }

    private static TimeLiteral time(Object json, String path) {
        if (json instanceof String s) {
            var parsed = TimeLiteral.parse(s);
            if (parsed.isPresent()) return parsed.get();
        }
        throw error(path, "expected " + TimeLiteral.expectation() + ", found " + describe(json));
    }

    // ---- profile ------------------------------------------------------------------------------------------------

    private Condition profile(Object json, String path) {
        Map<String, Object> obj = object(json, path, "a profile condition");
        checkKeys(obj, path, PROFILE_KEYS, "a profile condition");
        ProfileField field = field(requiredString(obj, path, "field"), member(path, "field"));
        if (obj.containsKey("window")) {
            Object op = obj.get("op");
            if (op != null && !WINDOW_OPS.contains(op)) {
                throw error(member(path, "op"), "a profile condition with a window takes no op (or \"in last\"), found "
                        + describe(op));
            }
            for (String key : List.of("value", "values")) {
                if (obj.containsKey(key)) throw error(member(path, key), "a profile condition with a window takes no value");
            }
            return new Condition.ProfileMatch(field, Op.WITHIN, List.of(), window(obj.get("window"), member(path, "window")));
        }
        Op op = op(obj, path);
        return new Condition.ProfileMatch(field, op, values(obj, path, op, field.isTime()), null);
    }

    private static ProfileField field(String name, String path) {
        if (name.startsWith(Names.ATTRIBUTES_PREFIX)) {
            String attribute = name.substring(Names.ATTRIBUTES_PREFIX.length());
            if (attribute.isEmpty()) throw error(path, "expected an attribute name after \"attributes.\"");
            return ProfileField.attribute(attribute);
        }
        if (name.isEmpty()) throw error(path, "must not be empty");
        return ProfileField.BUILT_IN.contains(name) ? ProfileField.builtIn(name) : ProfileField.attribute(name);
    }

    // ---- operators and values -----------------------------------------------------------------------------------

    private static Op op(Map<String, Object> obj, String path) {
        String at = member(path, "op");
        String text = requiredString(obj, path, "op");
        Op op = OPS.get(text);
        if (op == null) throw error(at, "unknown operator \"" + text + "\": use one of " + OP_LIST);
        return op;
    }

    /** "value" for one value, "values" for in / not in, neither for is set / is not set. */
    private static List<Value> values(Map<String, Object> obj, String path, Op op, boolean timeField) {
        String valuePath = member(path, "value");
        String valuesPath = member(path, "values");
        switch (op) {
            case IS_SET, IS_NOT_SET -> {
                if (obj.containsKey("value")) throw error(valuePath, "'" + op.text() + "' takes no value");
                if (obj.containsKey("values")) throw error(valuesPath, "'" + op.text() + "' takes no value");
                return List.of();
            }
            case IN, NOT_IN -> {
                if (obj.containsKey("value")) {
                    throw error(valuePath, "'" + op.text() + "' takes a list: write \"values\": [...]");
                }
                if (!obj.containsKey("values")) throw error(valuesPath, "is required for '" + op.text() + "'");
                List<Object> list = list(obj.get("values"), valuesPath, "a list of values");
                if (list.isEmpty()) throw error(valuesPath, "'" + op.text() + "' needs at least one value");
                List<Value> values = new ArrayList<>();
                for (int k = 0; k < list.size(); k++) values.add(value(list.get(k), valuesPath + "[" + k + "]", timeField));
                return values;
            }
            default -> {
                if (obj.containsKey("values")) {
                    throw error(valuesPath, "'" + op.text() + "' takes one value: write \"value\": ...");
                }
                if (!obj.containsKey("value")) throw error(valuePath, "is required for '" + op.text() + "'");
                return List.of(value(obj.get("value"), valuePath, timeField));
            }
        }
    }

    /** A string, number or boolean; for a time field (created_at, updated_at), a string is a date or time. */
    private static Value value(Object json, String path, boolean timeField) {
        return switch (json) {
            case String s when timeField -> new Value.Time(time(s, path).instant());
            case String s -> new Value.Text(s);
            case Boolean b -> new Value.Bool(b);
            case Number n -> new Value.Number(decimal(n, path));
            case null -> throw error(path, "null is not a value: to test for a missing value, use op \"is not set\"");
            default -> throw error(path, "expected a string, a number or a boolean, found " + describe(json));
        };
    }

    /** Exact for every Number a JSON library produces; never a negative scale, so that text shows the same number. */
    private static BigDecimal decimal(Number n, String path) {
        BigDecimal d;
        if (n instanceof BigDecimal big) {
            d = big;
        } else if (n instanceof BigInteger big) {
            d = new BigDecimal(big);
        } else if (n instanceof Double || n instanceof Float) {
            double v = n.doubleValue();
            if (!Double.isFinite(v)) throw error(path, "expected a finite number, found " + n);
            d = n instanceof Float ? new BigDecimal(n.toString()) : BigDecimal.valueOf(v);
        } else if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            d = BigDecimal.valueOf(n.longValue());
        } else {
            try {
                d = new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                throw error(path, "expected a number, found " + n);
            }
        }
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static long wholeNumber(Object json, String path) {
        if (!(json instanceof Number n)) throw error(path, "expected a whole number, found " + describe(json));
        BigDecimal d = decimal(n, path);
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw error(path, "expected a whole number, found " + d.toPlainString());
        }
    }

    // ---- shapes -------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json, String path, String what) {
        if (!(json instanceof Map<?, ?> map)) throw error(path, "expected " + what + " (an object), found " + describe(json));
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) throw error(path, "object keys must be strings, found " + describe(key));
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object json, String path, String what) {
        if (!(json instanceof List<?> list)) throw error(path, "expected " + what + ", found " + describe(json));
        return (List<Object>) list;
    }

    private static void checkKeys(Map<String, Object> obj, String path, List<String> allowed, String what) {
        for (String key : obj.keySet()) {
            if (!allowed.contains(key)) {
                throw error(member(path, key), "unknown key \"" + key + "\"; " + what + " takes " + String.join(", ", allowed));
            }
        }
    }

    private static String requiredString(Map<String, Object> obj, String path, String key) {
        String at = member(path, key);
        Object value = obj.get(key);
        if (value == null) throw error(at, "is required");
        if (!(value instanceof String s)) throw error(at, "expected a string, found " + describe(value));
        return s;
    }

    private static String member(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String describe(Object json) {
        return switch (json) {
            case null -> "null";
            case String s -> "the string \"" + s + "\"";
            case Number n -> "the number " + n;
            case Boolean b -> b.toString();
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            default -> "a " + json.getClass().getSimpleName();
        };
    }

    private static DefinitionException error(String path, String message) {
        return new DefinitionException(path, message);
    }
}
