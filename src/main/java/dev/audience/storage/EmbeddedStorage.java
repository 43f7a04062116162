package dev.audience.storage;

import dev.audience.experiment.ExposureCounts;
import dev.audience.event.EventStore;
import dev.audience.segment.EventConditions;
import dev.audience.storage.duckdb.DuckDbEventStore;

import java.nio.file.Path;

/**
 * The default deployment: a data directory holding state.db (SQLite in WAL mode: profiles, keys,
 * segments, and later campaigns and the ledger) and events.duckdb (DuckDB: analytics events).
 */
public final class EmbeddedStorage implements Storage {
    private final Path dir;
    private final SqliteStateDatabase state;
    private final DuckDbEventStore events;

    public EmbeddedStorage(Path dir) {
        this.dir = dir;
        this.state = new SqliteStateDatabase(dir);
        try {
            this.events = new DuckDbEventStore(dir.resolve("events.duckdb"));
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
    }

    @Override
    public StateStores stateStores() {
        return state.stateStores();
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public EventConditions eventConditions() {
        return events;
    }

    @Override
    public ExposureCounts exposureCounts() {
        return events;
    }

    @Override
    public boolean ready() {
        try {
            return state.ready() && events.ready();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "embedded (SQLite + DuckDB in " + dir.toAbsolutePath() + ")";
    }

    @Override
    public void close() {
        try {
            events.close();
        } finally {
            state.close();
        }
    }
}
