package dev.audience.storage.duckdb;

import dev.audience.event.AppendResult;
import dev.audience.event.Event;
import dev.audience.event.EventStore;
import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;
import dev.audience.storage.StorageException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Events in an embedded DuckDB file. One writer connection, used under a lock: DuckDB allows one
 * writer, and its Appender is the fast path (a batch costs one append, not one INSERT per event).
 * Reads run on duplicates of that connection and do not wait for writes.
 */
public final class DuckDbEventStore implements EventStore {
    private final DuckDBConnection writer;
    private final NamedQueries sql;
    private final Object writeLock = new Object();

    public DuckDbEventStore(Path file) {
        try {
            this.writer = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            DuckDbMigrations.migrate(writer);
            this.sql = NamedQueries.load("sql/duckdb/events.sql");
            try (Statement s = writer.createStatement()) {
                s.execute(sql.get("create-staging"));
            }
            sql.checkAgainst(writer);
        } catch (SQLException e) {
            throw new StorageException("cannot open the DuckDB event store at " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public AppendResult append(List<Event> events) {
        if (events.isEmpty()) return new AppendResult(0, 0);
        boolean anyMessageId = events.stream().anyMatch(e -> e.messageId() != null);
        synchronized (writeLock) {
            try {
                return anyMessageId ? appendDeduplicated(events) : appendDirect(events);
            } catch (SQLException e) {
                throw new StorageException("appending " + events.size() + " events failed: " + e.getMessage(), e);
            }
        }
    }

    private AppendResult appendDirect(List<Event> events) throws SQLException {
        try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            for (Event e : events) {
                a.beginRow();
                appendColumns(a, e);
                a.endRow();
            }
        }
        return new AppendResult(events.size(), 0);
    }

    private AppendResult appendDeduplicated(List<Event> events) throws SQLException {
        writer.setAutoCommit(false);
        try {
            try (DuckDBAppender a = writer.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "events_staging")) {
                int seq = 0;
                for (Event e : events) {
                    a.beginRow();
                    a.append(seq++);
                    appendColumns(a, e);
                    a.endRow();
                }
            }
            int stored;
            try (Statement s = writer.createStatement()) {
                stored = s.executeUpdate(sql.get("move-staged"));
                s.executeUpdate(sql.get("clear-staging"));
            }
            writer.commit();
            return new AppendResult(stored, events.size() - stored);
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    private static void appendColumns(DuckDBAppender a, Event e) throws SQLException {
        a.append(e.ordinal());
        a.append(e.name());
        a.append(utc(e.timestamp()));
        a.append(e.propertiesJson());
        if (e.messageId() == null) a.appendNull();
        else a.append(e.messageId());
        a.append(utc(e.receivedAt()));
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    @Override
    public List<Event> newestFor(int ordinal, int limit) {
        return read(c -> Jdbc.query(c, sql.get("newest-for"), ps -> {
            ps.setInt(1, ordinal);
            ps.setInt(2, limit);
        }, rs -> new Event(ordinal, rs.getString(1), instant(rs.getTimestamp(2)), rs.getString(3),
                rs.getString(4), instant(rs.getTimestamp(5)))));
    }

    @Override
    public long deleteFor(int ordinal) {
        synchronized (writeLock) {
            try {
                return Jdbc.update(writer, sql.get("delete-for"), ps -> ps.setInt(1, ordinal));
            } catch (SQLException e) {
                throw new StorageException("erasing events of ordinal " + ordinal + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public long count() {
        return read(c -> Jdbc.query(c, sql.get("count"), ps -> {}, rs -> rs.getLong(1)).get(0));
    }

    /** True when the database answers. */
    public boolean ready() {
        return read(c -> Jdbc.query(c, "SELECT 1", ps -> {}, rs -> rs.getInt(1)).get(0) == 1);
    }

    private <T> T read(Jdbc.Work<T> work) {
        try (Connection c = writer.duplicate()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException("reading events failed: " + e.getMessage(), e);
        }
    }

    /** DuckDB TIMESTAMP columns hold UTC; JDBC hands them back as local-time Timestamps. */
    private static Instant instant(Timestamp t) {
        return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }


    public void close() {
        synchronized (writeLock) {
            try {
                try (Statement s = writer.createStatement()) {
                    s.execute("CHECKPOINT");
                }
                writer.close();
            } catch (SQLException e) {
                throw new StorageException("closing the DuckDB event store failed: " + e.getMessage(), e);
            }
        }
    }
}
