package dev.audience.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in browser, as the state store keeps it: only the SHA-256 of its cookie token (a copy of the table
 * opens no session), the user, the CSRF token every form of this session must send back, and its times.
 * {@code expiresAt} moves forward while the session is used, up to {@code createdAt} plus the longest lifetime.
 */
public record Session(String tokenHash, String userId, String csrfToken, Instant createdAt, Instant expiresAt) {
    public Session {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public Session expiringAt(Instant t) {
        return new Session(tokenHash, userId, csrfToken, createdAt, t);
    }
}
