package dev.audience.profile;

import java.time.Instant;
import java.util.Objects;

/**
 * A device's push token. A token belongs to one profile at a time: registering it again moves it (and
 * makes it valid again). {@code invalidAt} and {@code invalidReason} are set when a provider said the
 * token is dead; such a token is never used again.
 */
public record PushToken(String token, Platform platform, Instant createdAt, Instant invalidAt, String invalidReason) {
    public PushToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A valid token. */
    public PushToken(String token, Platform platform, Instant createdAt) {
        this(token, platform, createdAt, null, null);
    }

    public boolean valid() {
        return invalidAt == null;
    }
}
