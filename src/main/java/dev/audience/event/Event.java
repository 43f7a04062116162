package dev.audience.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a user did, as stored: by profile ordinal, its properties as a JSON object text, and the
 * client's optional messageId for deduplication.
 */
public record Event(int ordinal, String name, Instant timestamp, String propertiesJson, String messageId,
                    Instant receivedAt) {
    public Event {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(propertiesJson, "propertiesJson");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
