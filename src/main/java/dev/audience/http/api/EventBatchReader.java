package dev.audience.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.common.Timestamps;
import dev.audience.event.EventProperties;
import dev.audience.event.EventRules;
import dev.audience.event.IncomingEvent;
import dev.audience.http.HttpProblem;
import dev.audience.http.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code {"events": [...]}} in one streaming pass: no JSON tree, and each event's properties are
 * copied straight to compact JSON text (what the event stores keep). This is the ingest hot path.
 * Items of the wrong shape are reported by index and do not stop the others.
 */
final class EventBatchReader {
    private static final String ALLOWED = "messageId, name, properties, timestamp, userId";

    private EventBatchReader() {}

    record Batch(List<IncomingEvent> events, Map<Integer, List<FieldError>> invalid) {}

    static Batch read(byte[] body) {
        return read(body, body.length);
    }

    /** Reads the first {@code length} bytes of {@code body}; the events keep no reference to the array. */
    static Batch read(byte[] body, int length) {
        try (JsonParser p = Json.MAPPER.createParser(body, 0, length)) {
            // Repeated names are refused as everywhere (the whole body is malformed), but checked here by hand
            // at the top and event levels: Jackson's check keeps a HashSet per object of three names or more,
            // a quarter of what this path allocated. Objects below those levels are checked by Jackson.
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            Batch batch = null;
            if (p.nextToken() != JsonToken.START_OBJECT) throw new InvalidInputException("", "must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("events")) {
                    if (batch != null) throw duplicate(p, field);
                    if (p.currentToken() != JsonToken.START_ARRAY) throw new InvalidInputException("events", "must be an array");
                    batch = readEvents(p, body);
                } else {
                    throw new InvalidInputException(field, "is not a known field; allowed: events");
                }
            }
            if (p.nextToken() != null) throw Json.malformed("unexpected content after the JSON document", p);
            if (batch == null) throw new InvalidInputException("events", "is required");
            return batch;
        } catch (JsonProcessingException e) {
            throw Json.malformed(e);
        } catch (IOException e) {
            throw HttpProblem.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    private static Batch readEvents(JsonParser p, byte[] body) throws IOException {
        List<IncomingEvent> events = new ArrayList<>();
        Map<Integer, List<FieldError>> invalid = new HashMap<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int index = events.size();
            if (index >= EventRules.MAX_BATCH) {
                throw new InvalidInputException("events", "must have at most " + EventRules.MAX_BATCH + " items");
            }
            List<FieldError> errors = new ArrayList<>(0);
            events.add(p.currentToken() == JsonToken.START_OBJECT ? readEvent(p, body, errors) : notAnObject(p, errors));
            if (!errors.isEmpty()) invalid.put(index, errors);
        }
        return new Batch(events, invalid);
    }

    private static JsonParseException duplicate(JsonParser p, String field) {
        return new JsonParseException(p, "Duplicate field '" + field + "'");
    }

    /** Skips the value the parser is at, with Jackson checking repeated names inside it. */
    private static void skip(JsonParser p) throws IOException {
        if (!p.currentToken().isStructStart()) return;
        p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // for the structure just entered and those below
        p.skipChildren();
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static IncomingEvent notAnObject(JsonParser p, List<FieldError> errors) throws IOException {
        skip(p);
        errors.add(new FieldError("", "must be a JSON object"));
        return new IncomingEvent(null, null, null, null, null);
    }

    private static IncomingEvent readEvent(JsonParser p, byte[] body, List<FieldError> errors) throws IOException {
        String userId = null, name = null, messageId = null;
        Instant timestamp = null;
        EventProperties properties = null;
        int seen = 0; // one bit per known field
        List<String> unknown = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            int bit = switch (field) {
                case "userId" -> 1;
                case "name" -> 2;
                case "messageId" -> 4;
                case "timestamp" -> 8;
                case "properties" -> 16;
                default -> 0;
            };
            if (bit == 0) {
                if (unknown == null) unknown = new ArrayList<>(1);
                if (unknown.contains(field)) throw duplicate(p, field);
                unknown.add(field);
            } else if ((seen & bit) != 0) {
                throw duplicate(p, field);
            }
            seen |= bit;
            JsonToken value = p.nextToken();
            switch (field) {
                case "userId" -> userId = string(p, field, errors);
                case "name" -> name = string(p, field, errors);
                case "messageId" -> messageId = string(p, field, errors);
                case "timestamp" -> {
                    String text = string(p, field, errors);
                    if (text != null) {
                        try {
                            timestamp = Timestamps.parse(text);
                        } catch (DateTimeException e) {
                            errors.add(new FieldError(field, "must be an ISO-8601 time with offset, e.g. 2026-11-29T10:15:00Z"));
                        }
                    }
                }
                case "properties" -> {
                    if (value == JsonToken.START_OBJECT) properties = readProperties(p, body, field, errors);
                    else {
                        skip(p);
                        errors.add(new FieldError(field, "must be a JSON object"));
                    }
                }
                default -> {
                    skip(p);
                    errors.add(new FieldError(field, "is not a known field; allowed: " + ALLOWED));
                }
            }
        }
        if (userId == null && errors.stream().noneMatch(e -> e.field().equals("userId"))) {
            errors.add(new FieldError("userId", "is required"));
        }
        if (name == null && errors.stream().noneMatch(e -> e.field().equals("name"))) {
            errors.add(new FieldError("name", "is required"));
        }
        return new IncomingEvent(userId, name, timestamp, properties, messageId);
    }

    private static String string(JsonParser p, String field, List<FieldError> errors) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) return p.getText();
        skip(p);
        errors.add(new FieldError(field, "must be a string"));
        return null;
    }

    /**
     * The object the parser is at, as compact JSON text, noting its top-level names. Numbers keep their
     * exact text; one too large for a 64-bit float is an error for the item. The text is the body's own
     * bytes when they are compact already (no whitespace between tokens, no escapes: what SDKs send),
     * which is what a rewrite would give; otherwise the object is rewritten compactly.
     */
    private static EventProperties readProperties(JsonParser p, byte[] body, String field, List<FieldError> errors)
            throws IOException {
        p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // for this object and those below
        try {
            return readCheckedProperties(p, body, field, errors);
        } finally {
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        }
    }

    private static EventProperties readCheckedProperties(JsonParser p, byte[] body, String field, List<FieldError> errors)
            throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        if (start < 0) return copyProperties(p, field, errors); // a UTF-16 or UTF-32 body: no byte offsets
        List<String> names = new ArrayList<>();
        boolean finite = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            names.add(p.currentName());
            p.nextToken();
            int depth = 0;
            do {
                JsonToken t = p.currentToken();
                if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) finite &= finite(p);
                else if (t.isStructStart()) depth++;
                else if (t.isStructEnd()) depth--;
            } while (depth > 0 && p.nextToken() != null);
        }
        if (!finite) {
            errors.add(new FieldError(field, "numbers must fit a 64-bit float (magnitude at most 1.7976931348623157E308)"));
        }
        int from = (int) start, to = (int) p.currentLocation().getByteOffset();
        if (compact(body, from, to)) return new EventProperties(new String(body, from, to - from, StandardCharsets.UTF_8), names);
        try (JsonParser again = Json.MAPPER.createParser(body, from, to - from)) {
            again.nextToken();
            return new EventProperties(copyProperties(again, field, new ArrayList<>()).json(), names);
        }
    }

    /** True when a number fits a double: short ones without an exponent always do, so most skip the parse. */
    private static boolean finite(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset(), length = p.getTextLength();
        if (length <= 300) {
            boolean exponent = false;
            for (int i = offset; i < offset + length; i++) exponent |= text[i] == 'e' || text[i] == 'E';
            if (!exponent) return true;
        }
        return Double.isFinite(Double.parseDouble(new String(text, offset, length)));
    }

    /** No whitespace outside strings and no escapes: the bytes are what the compact rewrite would write. */
    static boolean compact(byte[] body, int from, int to) {
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '\\') return false;
            if (b == '"') inString = !inString;
            else if (!inString && (b == ' ' || b == '\n' || b == '\r' || b == '\t')) return false;
        }
        return true;
    }

    /**
     * Copies the object the parser is at into compact JSON text, noting its top-level names. Numbers keep
     * their exact text; one too large for a 64-bit float is an error for the item.
     */
    private static EventProperties copyProperties(JsonParser p, String field, List<FieldError> errors)
            throws IOException {
        List<String> names = new ArrayList<>();
        StringWriter out = new StringWriter(64);
        boolean finite = true;
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                names.add(name);
                g.writeFieldName(name);
                p.nextToken();
                int depth = 0;
                do {
                    JsonToken t = p.currentToken();
                    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                        String text = p.getText();
                        finite &= Double.isFinite(Double.parseDouble(text));
                        g.writeNumber(text);
                    } else {
                        g.copyCurrentEvent(p);
                    }
                    if (t.isStructStart()) depth++;
                    else if (t.isStructEnd()) depth--;
                } while (depth > 0 && p.nextToken() != null);
            }
            g.writeEndObject();
        }
        if (!finite) {
            errors.add(new FieldError(field, "numbers must fit a 64-bit float (magnitude at most 1.7976931348623157E308)"));
        }
        return new EventProperties(out.toString(), names);
    }
}
