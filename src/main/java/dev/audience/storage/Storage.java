package dev.audience.storage;

import dev.audience.apikey.ApiKeyStore;
import dev.audience.event.EventStore;
import dev.audience.profile.ProfileStore;

/** The stores a deployment runs on: embedded (SQLite + DuckDB) or PostgreSQL for both. */
public interface Storage extends AutoCloseable {
    ProfileStore profiles();

    EventStore events();

    ApiKeyStore apiKeys();

    /** True when every database answers a trivial query now. */
    boolean ready();

    /** For the start-up log line, e.g. "embedded (SQLite + DuckDB in ./data)". */
    String describe();

    @Override
    void close();
}
