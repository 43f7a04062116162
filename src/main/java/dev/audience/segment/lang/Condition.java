package dev.audience.segment.lang;

import java.util.List;
import java.util.Objects;

/**
 * A segment definition as a typed tree. The text form ({@link TextParser}) and the JSON form
 * ({@link JsonForm}) both parse to it; {@link TextRenderer} writes it back as canonical text.
 */
public sealed interface Condition {

    /** All of the items (two or more). */
    record And(List<Condition> items) implements Condition {
        public And {
            items = List.copyOf(items);
            if (items.size() < 2) throw new IllegalArgumentException("and needs two or more conditions");
        }
    }

    /** Any of the items (two or more). */
    record Or(List<Condition> items) implements Condition {
        public Or {
            items = List.copyOf(items);
            if (items.size() < 2) throw new IllegalArgumentException("or needs two or more conditions");
        }
    }

    record Not(Condition item) implements Condition {
        public Not {
            Objects.requireNonNull(item, "item");
        }
    }

    /**
     * Performed {@code event}, with every property filter true, a number of times within {@code count},
     * inside {@code window}. "did not X" is {@code Not(Did(X))}.
     */
    record Did(String event, List<PropertyFilter> where, Count count, Window window) implements Condition {
        public Did {
            Objects.requireNonNull(event, "event");
            where = List.copyOf(where);
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(window, "window");
        }
    }

    /** A profile field or attribute compared to values, or (op WITHIN) a time field inside a window. */
    record ProfileMatch(ProfileField field, Op op, List<Value> values, Window window) implements Condition {
        public ProfileMatch {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            values = List.copyOf(values);
            if ((op == Op.WITHIN) != (window != null)) {
                throw new IllegalArgumentException("a window goes with op WITHIN, and only with it");
            }
        }
    }

    /** Member of another segment (its latest snapshot). */
    record InSegment(String key) implements Condition {
        public InSegment {
            Objects.requireNonNull(key, "key");
        }
    }
}
