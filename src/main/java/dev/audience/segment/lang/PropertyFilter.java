package dev.audience.segment.lang;

import java.util.List;
import java.util.Objects;

/**
 * A test on one event property: {@code url = "/pricing"}, {@code amount >= 10}, {@code plan in ("pro", "team")},
 * {@code referrer is set}. Values: none for IS_SET / IS_NOT_SET, one or more for IN / NOT_IN, exactly one otherwise.
 */
public record PropertyFilter(String property, Op op, List<Value> values) {
    public PropertyFilter {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(op, "op");
        values = List.copyOf(values);
        if (op == Op.WITHIN) throw new IllegalArgumentException("event properties take no window");
    }
}
