package dev.audience.experiment;

import java.time.Instant;
import java.util.Objects;

/** A feature flag: on or off, for its targeted users, rolled out to a percentage of them. */
public record Flag(String key, String name, boolean enabled, Targeting targeting, String salt, Instant createdAt,
                   Instant updatedAt) {
    public Flag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(targeting, "targeting");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
