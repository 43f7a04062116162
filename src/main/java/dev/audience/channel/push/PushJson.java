package dev.audience.channel.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/** The one JSON mapper the payload builders and reply readers share; object keys keep insertion order. */
final class PushJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private PushJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static int bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The tree of {@code json}, or an empty object when it is not JSON (an HTML error page from a proxy). */
    static JsonNode read(String json) {
        try {
            JsonNode n = MAPPER.readTree(json == null ? "" : json);
            return n == null ? object() : n;
        } catch (JsonProcessingException e) {
            return object();
        }
    }
}
