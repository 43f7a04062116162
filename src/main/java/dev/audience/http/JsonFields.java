package dev.audience.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.common.FieldError;
import dev.audience.common.Change;

import dev.audience.common.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed fields out of one JSON object, collecting an error per wrong field (named by its path)
 * instead of stopping at the first. Checks of meaning (is this a valid email?) belong to the domain;
 * this class only checks shape.
 */
public final class JsonFields {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JsonNode node;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonFields(JsonNode node) {
        this.node = node;
    }

    /** Reads {@code node}, which must be a JSON object with no fields but {@code allowed}. */
    public static JsonFields of(JsonNode node, Set<String> allowed) {
        JsonFields f = new JsonFields(node);
        if (node == null || !node.isObject()) {
            f.errors.add(new FieldError("", "must be a JSON object"));
            return f;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                f.errors.add(new FieldError(name, "is not a known field; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        return f;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public boolean has(String name) {
        return node != null && node.isObject() && node.has(name);
    }

    /** True when the field is present as a JSON null. */
    public boolean isNull(String name) {
        JsonNode v = get(name);
        return v != null && v.isNull();
    }

    private JsonNode get(String name) {
        return node != null && node.isObject() ? node.get(name) : null;
    }

    /** A string, or null when absent; an error when present but not a string (null included). */
    public String string(String name, boolean required) {
        JsonNode v = get(name);
        if (v == null) {
            if (required) errors.add(new FieldError(name, "is required"));
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(name, "must be a string"));
            return null;
        }
        return v.asText();
    }

    /** Absent = keep; null = clear; a string = set. */
    public Change<String> nullableString(String name) {
        JsonNode v = get(name);
        if (v == null) return Change.absent();
        if (v.isNull()) return Change.to(null);
        if (!v.isTextual()) {
            errors.add(new FieldError(name, "must be a string or null"));
            return Change.absent();
        }
        return Change.to(v.asText());
    }

    /** An object's members as Java values (a JSON null member stays null); empty when absent. */
    public Map<String, Object> object(String name) {
        JsonNode v = get(name);
        if (v == null) return Map.of();
        if (!v.isObject()) {
            errors.add(new FieldError(name, "must be a JSON object"));
            return Map.of();
        }
        return Json.MAPPER.convertValue(v, MAP);
    }

    /** An ISO-8601 instant with a zone offset, e.g. 2026-11-29T10:15:00Z; null when absent. */
    public Instant instant(String name) {
        String s = string(name, false);
        if (s == null) return null;
        try {
            return Timestamps.parse(s);
        } catch (DateTimeException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 time with offset, e.g. 2026-11-29T10:15:00Z"));
            return null;
        }
    }

    /** A whole number from {@code min} to {@code max}, or null when absent. */
    public Integer integer(String name, int min, int max) {
        JsonNode v = get(name);
        if (v == null) return null;
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
            return null;
        }
        return v.asInt();
    }

    /** true or false, or null when absent. */
    public Boolean bool(String name) {
        JsonNode v = get(name);
        if (v == null) return null;
        if (!v.isBoolean()) {
            errors.add(new FieldError(name, "must be true or false"));
            return null;
        }
        return v.asBoolean();
    }

    /** The field's value when it is a JSON object; null when absent; an error when another type. */
    public JsonNode objectNode(String name) {
        JsonNode v = get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) {
            errors.add(new FieldError(name, "must be a JSON object"));
            return null;
        }
        return v;
    }

    /** A JSON array, or null (with an error) when absent or another type. */
    public JsonNode array(String name, int max) {
        JsonNode v = get(name);
        if (v == null) {
            errors.add(new FieldError(name, "is required"));
            return null;
        }
        if (!v.isArray()) {
            errors.add(new FieldError(name, "must be an array"));
            return null;
        }
        if (v.size() > max) {
            errors.add(new FieldError(name, "must have at most " + max + " items, got " + v.size()));
            return null;
        }
        return v;
    }
}
