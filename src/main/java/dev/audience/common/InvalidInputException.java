package dev.audience.common;

import java.util.List;
import java.util.stream.Collectors;

/** Input that breaks a rule; carries every field error found. Mapped to 400 at the HTTP edge. */
public final class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field().isEmpty() ? e.message() : e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
        if (errors.isEmpty()) throw new IllegalArgumentException("an InvalidInputException needs at least one error");
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
