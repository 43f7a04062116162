package dev.audience.profile;

import java.time.Instant;
import java.util.Objects;

/** A device's push token. A token belongs to one profile at a time: registering it again moves it. */
public record PushToken(String token, Platform platform, Instant createdAt) {
    public PushToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
