package dev.audience.apikey;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored key: only its SHA-256 hash and a short display prefix are kept, never the key itself. {@code revokedAt}
 * is null while the key is valid.
 */
public record ApiKey(String id, ApiKeyKind kind, String hash, String displayPrefix, Instant createdAt, Instant revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(displayPrefix, "displayPrefix");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
