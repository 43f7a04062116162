package dev.audience.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a temporary failure is tried again: after {@code base}, then 4x longer each time, capped at
 * {@code max}, for at most {@code maxAttempts} attempts in all; after that the row fails for good.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofHours(2));

    /** The time of the next attempt after {@code attempts} tries, or empty when there is none. */
    public Optional<Instant> next(int attempts, Instant now) {
        if (attempts >= maxAttempts) return Optional.empty();
        long factor = 1L << (2 * Math.min(attempts - 1, 20));
        Duration wait = base.multipliedBy(factor);
        return Optional.of(now.plus(wait.compareTo(max) > 0 ? max : wait));
    }
}
