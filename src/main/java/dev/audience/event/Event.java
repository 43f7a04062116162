package dev.audience.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Something a user did, as stored: by profile ordinal, with optional client-given messageId for deduplication. */
public record Event(int ordinal, String name, Instant timestamp, Map<String, Object> properties, String messageId,
                    Instant receivedAt) {
    public Event {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
