package dev.audience.http.console;

import dev.audience.common.FieldError;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A form as the person filled it in, with an error per field: a form sent back with errors keeps what was typed and
 * shows each message next to its field ({@code aria-invalid} and {@code aria-describedby} for screen readers).
 * Field errors from the domain ({@code refresh.every}, {@code userIds}) are filed under the form field they come from.
 */
public final class Form {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();

    public static Form empty() {
        return new Form();
    }

    public Form with(String field, String value) {
        values.put(field, value);
        return this;
    }

    public Form error(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    /** Files each domain error under the form field whose name starts its path, or under {@code fallback}. */
    public Form errors(List<FieldError> found, List<String> fields, String fallback) {
        for (FieldError e : found) {
            String field = fields.stream().filter(f -> e.field().equals(f) || e.field().startsWith(f + ".")
                    || e.field().startsWith(f + "[")).findFirst().orElse(fallback);
            error(field, e.message());
        }
        return this;
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean is(String field, String value) {
        return value.equals(values.get(field));
    }

    /** The error of a field, or null. */
    public String errorOf(String field) {
        return errors.get(field);
    }

    /** "true" when the field has an error, else null (the template then leaves the attribute out). */
    public String invalid(String field) {
        return errors.containsKey(field) ? "true" : null;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
