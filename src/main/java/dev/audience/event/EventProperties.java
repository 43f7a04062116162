package dev.audience.event;

import java.util.List;
import java.util.Objects;

/**
 * An incoming event's properties: the JSON object as compact text, kept as text end to end (the event
 * stores hold JSON), with its top-level names so that the rules can be checked without parsing it again.
 */
public record EventProperties(String json, List<String> names) {
    public static final EventProperties NONE = new EventProperties("{}", List.of());

    public EventProperties {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(names, "names");
    }
}
