package dev.audience.segment.sql;

import java.util.Objects;

/** An event property read as one type: what a promoted (real, typed) column of the event store holds. */
public record PropertyColumn(String property, PropertyType type) {
    public PropertyColumn {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(type, "type");
    }
}
