package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Short builders for expected trees, so that a test reads like the definition it checks. */
final class Trees {
    private Trees() {}

    static Condition and(Condition... items) {
        return new Condition.And(List.of(items));
    }

    static Condition or(Condition... items) {
        return new Condition.Or(List.of(items));
    }

    static Condition not(Condition item) {
        return new Condition.Not(item);
    }

    static Condition.Did did(String event, List<PropertyFilter> where, Count count, Window window) {
        return new Condition.Did(event, where, count, window);
    }

    static Condition.Did did(String event, Window window, PropertyFilter... where) {
        return new Condition.Did(event, List.of(where), Count.AT_LEAST_ONCE, window);
    }

    static Condition inSegment(String key) {
        return new Condition.InSegment(key);
    }

    static Condition profile(ProfileField field, Op op, Value... values) {
        return new Condition.ProfileMatch(field, op, List.of(values), null);
    }

    static Condition within(ProfileField field, Window window) {
        return new Condition.ProfileMatch(field, Op.WITHIN, List.of(), window);
    }

    static ProfileField builtIn(String name) {
        return ProfileField.builtIn(name);
    }

    static ProfileField attribute(String name) {
        return ProfileField.attribute(name);
    }

    static PropertyFilter filter(String property, Op op, Value... values) {
        return new PropertyFilter(property, op, Arrays.asList(values));
    }

    static Value text(String s) {
        return new Value.Text(s);
    }

    static Value number(String n) {
        return new Value.Number(new BigDecimal(n));
    }

    static Value bool(boolean b) {
        return new Value.Bool(b);
    }

    static Value time(String iso) {
        return new Value.Time(instant(iso));
    }

    static Instant instant(String s) {
        return s.length() == 10 ? Instant.parse(s + "T00:00:00Z") : Instant.parse(s);
    }

    static Window ever() {
        return new Window.Ever();
    }

    static Window lastDays(long n) {
        return new Window.Last(n, Window.TimeUnit.DAYS);
    }

    static Window last(long n, Window.TimeUnit unit) {
        return new Window.Last(n, unit);
    }

    static Window between(String from, String toExclusive) {
        return new Window.Between(instant(from), instant(toExclusive));
    }

    static Count atLeast(long n) {
        return new Count(Count.Kind.AT_LEAST, n);
    }

    static Count atMost(long n) {
        return new Count(Count.Kind.AT_MOST, n);
    }

    static Count exactly(long n) {
        return new Count(Count.Kind.EXACTLY, n);
    }
}
