package dev.audience.segment.sql;

import dev.audience.segment.lang.Op;
import dev.audience.segment.lang.Value;

import java.util.List;

/** The type a property is read as, from the values it is compared with. */
public enum PropertyType {
    STRING("s"), NUMBER("n"), BOOLEAN("b");

    private final String suffix;

    PropertyType(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** Text-only operators read strings; otherwise the first value decides. (Presence tests read no type.) */
    public static PropertyType of(Op op, List<Value> values) {
        if (op == Op.CONTAINS || op == Op.STARTS_WITH || values.isEmpty()) {
            return STRING;
        }
        return switch (values.get(0)) {
            case Value.Number n -> NUMBER;
            case Value.Bool b -> BOOLEAN;
            case Value.Text t -> STRING;
            case Value.Time t -> STRING;
        };
    }
}
