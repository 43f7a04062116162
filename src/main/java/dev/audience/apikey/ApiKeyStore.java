package dev.audience.apikey;

import java.util.List;
import java.util.Optional;

/** Where API keys (hashed) are kept. */
public interface ApiKeyStore {
    void insert(ApiKey key);

    Optional<ApiKey> findByHash(String hash);

    /** Every key, revoked ones included, oldest first. */
    List<ApiKey> list();

    java.util.Optional<ApiKey> findById(String id);

    /** Marks the key revoked; false when there is no such key or it was revoked already. */
    boolean revoke(String id, java.time.Instant now);
}
