package dev.audience.storage;

import dev.audience.segment.sql.PropertyColumn;
import dev.audience.segment.sql.PropertyType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The promoted property columns of an event store, in the order they were made. Column names are
 * generated ({@code p<id>_<s|n|b>}), never taken from user input.
 */
public final class PromotedColumns {
    private final Map<PropertyColumn, String> columns;

    public PromotedColumns(Map<PropertyColumn, String> columns) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static PromotedColumns none() {
        return new PromotedColumns(Map.of());
    }

    public Map<PropertyColumn, String> byProperty() {
        return columns;
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    public static String columnName(int id, PropertyType type) {
        return "p" + id + "_" + type.suffix();
    }

    public static PropertyType typeOf(String stored) {
        return PropertyType.valueOf(stored);
    }

    public PromotedColumns with(PropertyColumn c, String column) {
        Map<PropertyColumn, String> m = new LinkedHashMap<>(columns);
        m.put(c, column);
        return new PromotedColumns(m);
    }

    /** SQL type of a promoted column, per event store. */
    public static String sqlType(PropertyType t, boolean postgres) {
        return switch (t) {
            case STRING -> postgres ? "TEXT" : "VARCHAR";
            case NUMBER -> postgres ? "DOUBLE PRECISION" : "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
        };
    }
}
