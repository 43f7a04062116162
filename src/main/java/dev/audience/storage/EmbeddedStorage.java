package dev.audience.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.audience.event.EventStore;

import dev.audience.segment.EventConditions;

import dev.audience.segment.sql.Dialect;
import dev.audience.storage.duckdb.DuckDbEventStore;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default deployment: a data directory holding state.db (SQLite in WAL mode: profiles, keys,
 * segments, and later campaigns and the ledger) and events.duckdb (DuckDB: analytics events).
 */
public final class EmbeddedStorage implements Storage {
    private final Path dir;
    private final HikariDataSource state;
    private final Jdbc jdbc;
    private final StateStores stores;
    private final DuckDbEventStore events;

    public EmbeddedStorage(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        this.state = new HikariDataSource(sqliteConfig(dir.resolve("state.db")));
        try {
            Flyway.configure().dataSource(state).locations("classpath:db/migration/sqlite").load().migrate();
            this.jdbc = new Jdbc(state);
            this.stores = StateStores.open(jdbc, Dialect.SQLITE);
            this.events = new DuckDbEventStore(dir.resolve("events.duckdb"));
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
    }

    private static HikariConfig sqliteConfig(Path file) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("sqlite-state");
        c.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        // WAL: readers never block the writer. synchronous=NORMAL in WAL mode keeps every commit across a
        // process crash (kill -9); only an OS crash or power cut can lose the last commits.
        c.addDataSourceProperty("journal_mode", "WAL");
        c.addDataSourceProperty("synchronous", "NORMAL");
        c.addDataSourceProperty("busy_timeout", "10000");
        c.addDataSourceProperty("foreign_keys", "true");
        c.setMaximumPoolSize(4);
        return c;
    }

    @Override
    public StateStores stateStores() {
        return stores;
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
    public boolean ready() {
        try {
            return jdbc.queryOne("SELECT 1", ps -> {}, rs -> rs.getInt(1)).orElse(0) == 1 && events.ready();
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
