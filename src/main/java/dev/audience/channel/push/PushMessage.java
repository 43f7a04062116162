package dev.audience.channel.push;

import dev.audience.campaign.template.RenderedPush;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One rendered notification for one device. {@code expiresAt} is the campaign's expiry: the provider stops
 * trying to deliver at that time (apns-expiration, the FCM TTL); without one it keeps trying for
 * {@link PushExpiry#DEFAULT_LIFETIME}.
 */
public record PushMessage(String token, RenderedPush content, Optional<Instant> expiresAt) {
    public PushMessage {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
