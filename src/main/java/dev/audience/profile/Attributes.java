package dev.audience.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Profile attributes: a flat map of names to JSON values (string, number, boolean, list, object). */
public final class Attributes {
    private Attributes() {}

    /** Merge-patch semantics at the top level: null removes a key, any other value replaces it. */
    public static Map<String, Object> merge(Map<String, Object> current, Map<String, Object> patch) {
        Map<String, Object> out = new LinkedHashMap<>(current);
        patch.forEach((k, v) -> {
            if (v == null) out.remove(k);
            else out.put(k, v);
        });
        return Collections.unmodifiableMap(out);
    }

    /** An unmodifiable copy that keeps order and tolerates no null values. */
    static Map<String, Object> copyOf(Map<String, Object> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (v != null) out.put(k, v);
        });
        return Collections.unmodifiableMap(out);
    }
}
