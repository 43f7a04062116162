package dev.audience.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.audience.segment.sql.Dialect;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * state.db in the data directory: SQLite in WAL mode, migrated on open. Many processes may open it at
 * once (the server and a {@code keys create} beside it), unlike the DuckDB event file.
 */
public final class SqliteStateDatabase implements StateDatabase {
    private final HikariDataSource state;
    private final Jdbc jdbc;
    private final StateStores stores;

    public SqliteStateDatabase(Path dir) {
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

    boolean ready() {
        return jdbc.queryOne("SELECT 1", ps -> {}, rs -> rs.getInt(1)).orElse(0) == 1;
    }

    @Override
    public void close() {
        state.close();
    }
}
