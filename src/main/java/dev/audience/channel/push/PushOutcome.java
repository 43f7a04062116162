package dev.audience.channel.push;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What APNs or FCM said about one notification, sorted by what the sender should do next. Every provider
 * reply, and every failure to get one, maps to exactly one of these (docs/push.md has the table).
 */
public sealed interface PushOutcome {
    /** The provider took the notification; {@code providerId} is its apns-id or FCM message name. */
    record Accepted(String providerId) implements PushOutcome {
        public Accepted {
            Objects.requireNonNull(providerId, "providerId");
        }
    }

    /**
     * The device token is dead (app uninstalled, token malformed or for another app): stop sending to it.
     * {@code invalidSince} is when APNs last knew it valid, when it says so.
     */
    record TokenInvalid(String reason, Optional<Instant> invalidSince) implements PushOutcome {
        public TokenInvalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(invalidSince, "invalidSince");
        }
    }

    /**
     * Throttled, a provider error, or no reply (a refused or dropped connection): the same notification may be
     * accepted later. {@code retryAfter} is how long the provider asked to wait (Retry-After), when it did.
     */
    record RetryLater(String reason, Optional<Duration> retryAfter) implements PushOutcome {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Sending it again will not help: a bad payload or topic, refused credentials, expired before it left. */
    record FailedPermanently(String reason) implements PushOutcome {
        public FailedPermanently {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
