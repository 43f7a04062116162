package dev.audience.http.console;

import dev.audience.common.ConflictException;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A form as the person filled it in, with an error per field: a form sent back with errors keeps what was typed and
 * shows each message next to its field ({@code aria-invalid} and {@code aria-describedby} for screen readers).
 * Field errors from the domain ({@code refresh.every}, {@code userIds}) are filed under the form field they come from.
 */
public final class Form {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<String>> lists = new LinkedHashMap<>();
    private final Map<String, String> errors = new HashMap<>();

    public static Form empty() {
        return new Form();
    }

    /** The same values without any error: to try something out on a form that already shows errors. */
    public Form valuesOnly() {
        Form copy = new Form();
        copy.values.putAll(values);
        copy.lists.putAll(lists);
        return copy;
    }

    public Form with(String field, String value) {
        values.put(field, value);
        return this;
    }

    /** A field with several values (checkboxes of one name). */
    public Form withAll(String field, List<String> chosen) {
        lists.put(field, List.copyOf(chosen));
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

    /**
     * Runs a save of this form's values and returns what it made; empty when the domain refused it, its errors
     * then filed here: field errors under {@code fields} (else under {@code main}), a conflict (a key or an
     * address taken) under {@code main}.
     */
    public <T> Optional<T> save(Supplier<T> save, List<String> fields, String main) {
        try {
            return Optional.of(save.get());
        } catch (InvalidInputException e) {
            errors(e.errors(), fields, main);
        } catch (ConflictException e) {
            error(main, e.getMessage());
        }
        return Optional.empty();
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean is(String field, String value) {
        return value.equals(values.get(field));
    }

    /** The values of a field with several (checkboxes); empty when none was chosen. */
    public List<String> all(String field) {
        return lists.getOrDefault(field, List.of());
    }

    /** True when the checkbox {@code value} of {@code field} is ticked. */
    public boolean has(String field, String value) {
        return all(field).contains(value);
    }

    /**
     * Every value as (name, value) pairs, lists once per value: what hidden inputs need to carry a form on to the
     * next step.
     */
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(Map.entry(k, v)));
        lists.forEach((k, vs) -> vs.forEach(v -> out.add(Map.entry(k, v))));
        return out;
    }

    /**
     * An element id for a field name: names may hold '.' and '[' (content.ios.badge, actions[0].label), which CSS
     * selectors and htmx's out-of-band swaps would read as syntax, so those become '-'.
     */
    public static String id(String field) {
        return field.replaceAll("[^A-Za-z0-9_-]", "-");
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
