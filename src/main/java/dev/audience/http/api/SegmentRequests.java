package dev.audience.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.common.Change;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.http.Json;
import dev.audience.http.JsonFields;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.RefreshSchedule;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentPatch;
import dev.audience.segment.SegmentType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads segment request bodies into domain inputs, naming each field of the wrong shape. */
final class SegmentRequests {
    private static final Set<String> CREATE = Set.of("key", "name", "description", "type", "definition", "refresh", "internal");
    private static final Set<String> PATCH = Set.of("name", "description", "definition", "refresh", "internal");

    private SegmentRequests() {}

    static SegmentDraft draft(JsonNode body) {
        JsonFields f = JsonFields.of(body, CREATE);
        String key = f.string("key", true);
        String name = f.string("name", true);
        String description = f.string("description", false);
        String typeText = f.string("type", true);
        SegmentType type = typeText == null ? null : SegmentType.fromWire(typeText).orElse(null);
        if (typeText != null && type == null) f.errors().add(new FieldError("type", "must be static or dynamic"));
        DefinitionInput definition = definition(body.get("definition"), f.errors());
        RefreshSchedule refresh = refresh(body.get("refresh"), f.errors());
        boolean internal = bool(body.get("internal"), "internal", f.errors(), false);
        if (!f.ok()) throw new InvalidInputException(f.errors());
        return new SegmentDraft(key, name, description, type, definition, refresh, internal);
    }

    static SegmentPatch patch(JsonNode body) {
        JsonFields f = JsonFields.of(body, PATCH);
        Change<String> name = f.has("name") ? Change.to(f.string("name", true)) : Change.absent();
        Change<String> description = f.nullableString("description");
        Change<DefinitionInput> definition = f.has("definition")
                ? Change.to(definition(body.get("definition"), f.errors())) : Change.absent();
        Change<RefreshSchedule> refresh = f.has("refresh") ? Change.to(refresh(body.get("refresh"), f.errors())) : Change.absent();
        Change<Boolean> internal = f.has("internal")
                ? Change.to(bool(body.get("internal"), "internal", f.errors(), null)) : Change.absent();
        if (!f.ok()) throw new InvalidInputException(f.errors());
        return new SegmentPatch(name, description, definition, refresh, internal);
    }

    /** Text form as a JSON string, or the JSON form as an object. */
    static DefinitionInput definition(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) return null;
        if (node.isTextual()) return new DefinitionInput.Text(node.asText());
        if (node.isObject()) return new DefinitionInput.Json(Json.MAPPER.convertValue(node, Object.class));
        errors.add(new FieldError("definition", "must be the text form (a string) or the JSON form (an object)"));
        return null;
    }

    static DefinitionInput requiredDefinition(JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("definition"));
        List<FieldError> errors = new ArrayList<>(f.errors());
        DefinitionInput d = f.ok() ? definition(body.get("definition"), errors) : null;
        if (d == null && errors.isEmpty()) errors.add(new FieldError("definition", "is required"));
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        return d;
    }

    /** {"every": "15m"} or {"cron": "0 * * * *"}; null = refreshed only on request. */
    private static RefreshSchedule refresh(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) return null;
        JsonFields f = JsonFields.of(node, Set.of("every", "cron"));
        String every = f.string("every", false);
        String cron = f.string("cron", false);
        if ((every == null) == (cron == null) && f.ok()) {
            errors.add(new FieldError("refresh", "must be {\"every\": \"15m\"} or {\"cron\": \"0 * * * *\"}"));
            return null;
        }
        f.errors().forEach(e -> errors.add(e.under("refresh")));
        if (!f.ok()) return null;
        try {
            return every != null ? RefreshSchedule.Every.parse(every) : new RefreshSchedule.Cron(cron);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static Boolean bool(JsonNode node, String field, List<FieldError> errors, Boolean absent) {
        if (node == null) return absent;
        if (!node.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false"));
            return absent;
        }
        return node.asBoolean();
    }

    static List<String> userIds(JsonNode body, int max) {
        JsonFields f = JsonFields.of(body, Set.of("userIds"));
        JsonNode ids = f.array("userIds", max);
        if (!f.ok()) throw new InvalidInputException(f.errors());
        List<String> out = new ArrayList<>(ids.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).isTextual() && !ids.get(i).asText().isEmpty()) out.add(ids.get(i).asText());
            else errors.add(new FieldError("userIds[" + i + "]", "must be a non-empty string"));
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        return out;
    }
}
