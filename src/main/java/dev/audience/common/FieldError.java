package dev.audience.common;

import java.util.Objects;

/** One invalid input: where (a field path such as {@code events[3].name}) and what is wrong with it. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The same error seen from an enclosing object, e.g. {@code name} under {@code events[3]}. */
    public FieldError under(String prefix) {
        return new FieldError(field.isEmpty() ? prefix : prefix + "." + field, message);
    }
}
