package dev.audience.common;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while checking an input, then throws them all at once. */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    public Validation check(boolean ok, String field, String message) {
        if (!ok) errors.add(new FieldError(field, message));
        return this;
    }

    public Validation add(FieldError error) {
        errors.add(error);
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
    }
}
