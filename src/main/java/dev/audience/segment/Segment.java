package dev.audience.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * A segment's definition and state. {@code definition} is the canonical text of a dynamic segment's
 * condition (null for the others); {@code refresh} may be null (refreshed only on request);
 * {@code error} says why the last refresh failed, when status is ERROR.
 */
public record Segment(String key, String name, String description, SegmentType type, String definition,
                      RefreshSchedule refresh, boolean internal, SegmentStatus status, String error,
                      Instant createdAt, Instant updatedAt, Instant nextRefreshAt) {
    public static final String EVERYONE = "everyone";

    public Segment {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if ((type == SegmentType.DYNAMIC) != (definition != null)) {
            throw new IllegalArgumentException("a dynamic segment has a definition, and only a dynamic one");
        }
    }

    public Segment withState(SegmentStatus s, String e, Instant now) {
        return new Segment(key, name, description, type, definition, refresh, internal, s, e, createdAt, now, nextRefreshAt);
    }

    public Segment withNextRefresh(Instant next) {
        return new Segment(key, name, description, type, definition, refresh, internal, status, error, createdAt, updatedAt, next);
    }
}
