package dev.audience.apikey;

import java.util.List;
import java.util.Optional;

/** Where API keys (hashed) are kept. */
public interface ApiKeyStore {
    void insert(ApiKey key);

    Optional<ApiKey> findByHash(String hash);

    List<ApiKey> list();
}
