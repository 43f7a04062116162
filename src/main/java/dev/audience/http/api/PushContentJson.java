package dev.audience.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.audience.campaign.PushContent;
import dev.audience.common.FieldError;
import dev.audience.http.Json;

import java.util.List;
import java.util.Map;

/**
 * A push campaign's content from a request, its shape only (the rules are the domain's). A wrong type or
 * an unknown field is named by its path under {@code content}, e.g. {@code content.ios.badge}.
 */
final class PushContentJson {
    private static final ObjectReader READER = Json.MAPPER.readerFor(PushContent.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private PushContentJson() {}

    static PushContent read(JsonNode node, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError("content", "must be a JSON object"));
            return null;
        }
        try {
            return READER.readValue(node);
        } catch (UnrecognizedPropertyException e) {
            errors.add(new FieldError(path(e), "is not a known field; allowed: " + String.join(", ",
                    e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList())));
        } catch (MismatchedInputException e) {
            errors.add(new FieldError(path(e), "must be " + expected(e.getTargetType())));
        } catch (JsonProcessingException e) {
            errors.add(new FieldError(path(e), "is not valid here: " + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return null;
    }

    private static String path(JsonProcessingException e) {
        StringBuilder out = new StringBuilder("content");
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) out.append('.').append(r.getFieldName());
                else if (r.getIndex() >= 0) out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) return "of another type";
        if (type == String.class) return "a string";
        if (type == Integer.class || type == int.class) return "a whole number";
        if (type == Double.class || type == double.class) return "a number";
        if (List.class.isAssignableFrom(type)) return "an array";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "a JSON object";
        return "of another type";
    }
}
