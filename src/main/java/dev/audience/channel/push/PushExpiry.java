package dev.audience.channel.push;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long the providers keep trying to deliver a notification. APNs takes a time (apns-expiration, epoch
 * seconds), FCM a duration (android.ttl, at most four weeks); both come from the campaign's expiry, or from
 * {@link #DEFAULT_LIFETIME} (FCM's own maximum) when it has none, so that the two providers agree.
 */
public final class PushExpiry {
    /** FCM's longest TTL; used for both providers when the campaign does not expire. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(28);

    private PushExpiry() {}

    /** When the provider should give up: the expiry, or {@code now} plus the default lifetime. */
    public static Instant deadline(Optional<Instant> expiresAt, Instant now) {
        return expiresAt.orElse(now.plus(DEFAULT_LIFETIME));
    }

    /** Whole seconds from {@code now} to the deadline, between 0 and four weeks. */
    public static Duration ttl(Optional<Instant> expiresAt, Instant now) {
        long seconds = Duration.between(now, deadline(expiresAt, now)).getSeconds();
        return Duration.ofSeconds(Math.max(0, Math.min(seconds, DEFAULT_LIFETIME.getSeconds())));
    }

    /** True when the notification must not leave any more: its expiry is now or past. */
    public static boolean expired(Optional<Instant> expiresAt, Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }
}
