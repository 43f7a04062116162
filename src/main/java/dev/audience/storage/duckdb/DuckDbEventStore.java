package dev.audience.storage.duckdb;

import dev.audience.event.AppendResult;
import dev.audience.event.Event;
import dev.audience.event.EventStore;
import dev.audience.experiment.ExposureCounts;
import dev.audience.segment.EventConditions;
import dev.audience.segment.lang.Condition;
import dev.audience.segment.sql.Dialect;
import dev.audience.segment.sql.EventSqlCompiler;
import dev.audience.segment.sql.PropertyColumn;
import dev.audience.segment.sql.SqlQuery;
import dev.audience.storage.ExposureQuery;
import dev.audience.storage.Jdbc;
import dev.audience.storage.PromotedColumns;
import dev.audience.storage.NamedQueries;
import dev.audience.storage.StorageException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events in an embedded DuckDB file. Its Appender is the fast path (a batch costs one append, not one
 * INSERT per event). Batches of new events are appended concurrently, each on a connection of its own
 * (DuckDB's appends never conflict with one another); whatever must see every stored event (the exact
 * messageId check, erasure, promoting a property) waits for them and runs alone on the writer connection.
 * Reads run on duplicates of that connection and do not wait for writes.
 */
public final class DuckDbEventStore implements EventStore, EventConditions, ExposureCounts {
    private final DuckDBConnection writer;
    private final NamedQueries sql;
    /**
     * Decides, one batch at a time, how a batch is written (the messageId filter is asked and told), and
     * admits batches to {@link #appends} in that order. Locks, not synchronized: request threads are virtual,
     * and waiting in synchronized pins their carrier.
     */
    private final java.util.concurrent.locks.ReentrantLock admission = new java.util.concurrent.locks.ReentrantLock();
    /**
     * Shared by direct appends, which run side by side; exclusive for the exact check, erasure and promotion,
     * which then see every batch admitted before them committed. A batch that repeats an id of one still being
     * appended is admitted after it, so its exact check finds it.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock appends = new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** Connections for concurrent direct appends, kept for the next batch (a few: one per batch in flight). */
    private final java.util.concurrent.ConcurrentLinkedQueue<DuckDBConnection> appenders = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int KEPT_APPENDERS = 4;
    /** Tests: runs inside a direct append, its rows appended but not yet committed. */
    volatile Runnable beforeDirectCommit = () -> {};
    private final java.util.concurrent.atomic.AtomicInteger keptAppenders = new java.util.concurrent.atomic.AtomicInteger();
    private final EventSqlCompiler compiler = new EventSqlCompiler(Dialect.DUCKDB);
    private volatile PromotedColumns promoted;
    /** The statements that move a staged batch, for {@link #promoted}: built when the columns change, not per batch. */
    private volatile SqlQuery moveDeduplicating, moveAll;
    /** The stored messageIds, approximately: lets a batch of new ids skip the exact check. Used under {@link #admission}. */
    private final StoredMessageIds seen;

    public DuckDbEventStore(Path file) {
        this(file, Thread.ofPlatform().name("message-id-filter").daemon()::start, StoredMessageIds.FILL_IN_BACKGROUND_FROM, () -> {});
    }

    /**
     * {@code filler} runs the filling of the messageId filter when the store holds {@code fillInBackgroundFrom} ids
     * or more; {@code afterScan} runs between that filling's scan and its filter's publication.
     */
    DuckDbEventStore(Path file, java.util.concurrent.Executor filler, long fillInBackgroundFrom, Runnable afterScan) {
        try {
            this.writer = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            DuckDbMigrations.migrate(writer);
            this.sql = NamedQueries.load("sql/duckdb/events.sql");
            try (Statement s = writer.createStatement()) {
                s.execute(sql.get("create-staging"));
            }
            sql.checkAgainst(writer);
            this.promoted = loadPromoted();
            buildMoves();
            this.seen = new StoredMessageIds(writer, sql, admission, filler, fillInBackgroundFrom, afterScan);
        } catch (SQLException e) {
            throw new StorageException("cannot open the DuckDB event store at " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public AppendResult append(List<Event> events) {
        if (events.isEmpty()) return new AppendResult(0, 0);
        long[] ids = SeenMessageIds.hashes(events);
        boolean maybeRepeated;
        boolean staged;
        java.util.concurrent.locks.Lock held;
        admission.lock();
        try {
            // Only a batch with an id that may be stored already, or repeated in the batch, needs the exact
            // check. Promoted columns are computed from the JSON in SQL, so such batches go through staging too.
            maybeRepeated = ids.length > 0 && seen.maybeRepeated(ids);
            staged = maybeRepeated || !promoted.isEmpty();
            held = staged ? appends.writeLock() : appends.readLock();
            held.lock(); // before the next batch is decided: admitted in the order the filter saw them
        } finally {
            admission.unlock();
        }
        try {
            return staged ? appendStaged(events, maybeRepeated) : appendDirect(events);
        } catch (SQLException e) {
            throw new StorageException("appending " + events.size() + " events failed: " + e.getMessage(), e);
        } finally {
            held.unlock();
        }
    }

    /** Appends on a connection of this batch's own, alongside other batches (under the shared lock). */
    private AppendResult appendDirect(List<Event> events) throws SQLException {
        DuckDBConnection c = appenders.poll();
        if (c == null) c = writer.duplicate();
        else keptAppenders.decrementAndGet();
        boolean keep = false;
        try {
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
                for (Event e : events) {
                    a.beginRow();
                    appendColumns(a, e);
                    a.endRow();
                }
                beforeDirectCommit.run();
            }
            keep = keptAppenders.incrementAndGet() <= KEPT_APPENDERS;
            if (keep) appenders.offer(c);
            else keptAppenders.decrementAndGet();
            return new AppendResult(events.size(), 0);
        } finally {
            if (!keep) c.close();
        }
    }

    private AppendResult appendStaged(List<Event> events, boolean deduplicate) throws SQLException {
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
            SqlQuery move = deduplicate ? moveDeduplicating : moveAll;
            try (PreparedStatement ps = writer.prepareStatement(move.sql())) {
                Jdbc.params(move.params()).bind(ps);
                stored = ps.executeUpdate();
            }
            try (Statement s = writer.createStatement()) {
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

    /**
     * Moves the staged batch into events: promoted columns computed from the JSON properties, and when
     * deduplicating, the first of each messageId in the batch kept and those already stored dropped. The
     * inner SEMI JOIN has the small staging table on its build side, so stored events are scanned once
     * (message_id only) and probed, never hashed. A NULL messageId matches nothing in the ANTI JOIN: kept.
     * Built here rather than in events.sql because its column list follows the promoted columns.
     */
    private void buildMoves() {
        moveDeduplicating = moveStaged(true);
        moveAll = moveStaged(false);
    }

    private SqlQuery moveStaged(boolean deduplicate) {
        StringBuilder target = new StringBuilder("ordinal, name, ts, properties, message_id, received_at");
        StringBuilder select = new StringBuilder("s.ordinal, s.name, s.ts, s.properties, s.message_id, s.received_at");
        List<Object> params = new ArrayList<>();
        promoted.byProperty().forEach((column, name) -> {
            SqlQuery read = compiler.extraction(column, "s.properties");
            target.append(", ").append(name);
            select.append(", ").append(read.sql());
            params.addAll(read.params());
        });
        String sql = "INSERT INTO events (" + target + ") SELECT " + select + " FROM events_staging s";
        if (deduplicate) {
            sql += " ANTI JOIN (SELECT e.message_id FROM events e SEMI JOIN events_staging b ON e.message_id = b.message_id)"
                    + " seen ON s.message_id = seen.message_id"
                    + " QUALIFY s.message_id IS NULL OR row_number() OVER (PARTITION BY s.message_id ORDER BY s.seq) = 1";
        }
        return new SqlQuery(sql, params);
    }

    @Override
    public Performed performed(Condition.Did did, Instant now) {
        EventSqlCompiler.Plan plan = compiler.compile(did, now, promoted.byProperty());
        return new Performed(read(c -> Jdbc.ordinals(c, plan.query().sql(), plan.query().params())), plan.complement());
    }

    @Override
    public long timesPerformed(Condition.Did did, int ordinal, Instant now) {
        SqlQuery q = compiler.countFor(did, ordinal, now, promoted.byProperty());
        return read(c -> Jdbc.query(c, q.sql(), Jdbc.params(q.params()), rs -> rs.getLong(1)).get(0));
    }

    @Override
    public Set<PropertyColumn> promoted() {
        return promoted.byProperty().keySet();
    }

    /**
     * Adds a typed column per new property and fills it for the events already stored, alone: after the
     * batches admitted before it, and before any decided after it (which then know of the column).
     */
    @Override
    public void promote(Set<PropertyColumn> columns) {
        admission.lock();
        appends.writeLock().lock();
        try {
            for (PropertyColumn c : columns) {
                if (promoted.byProperty().containsKey(c)) continue;
                int id = promoted.byProperty().size() + 1;
                String name = PromotedColumns.columnName(id, c.type());
                SqlQuery read = compiler.extraction(c);
                try {
                    writer.setAutoCommit(false);
                    try (Statement s = writer.createStatement()) {
                        s.execute("ALTER TABLE events ADD COLUMN " + name + " " + PromotedColumns.sqlType(c.type(), false));
                    }
                    try (PreparedStatement ps = writer.prepareStatement("UPDATE events SET " + name + " = " + read.sql())) {
                        Jdbc.params(read.params()).bind(ps);
                        ps.executeUpdate();
                    }
                    Jdbc.update(writer, sql.get("register-promoted"), ps -> {
                        ps.setInt(1, id);
                        ps.setString(2, c.property());
                        ps.setString(3, c.type().name());
                        ps.setString(4, name);
                    });
                    writer.commit();
                    promoted = promoted.with(c, name);
                    buildMoves();
                } catch (SQLException e) {
                    rollbackQuietly();
                    throw new StorageException("promoting property " + c.property() + " failed: " + e.getMessage(), e);
                } finally {
                    autoCommitQuietly();
                }
            }
        } finally {
            appends.writeLock().unlock();
            admission.unlock();
        }
    }

    private PromotedColumns loadPromoted() throws SQLException {
        Map<PropertyColumn, String> m = new LinkedHashMap<>();
        Jdbc.query(writer, sql.get("promoted"), ps -> {}, rs -> m.put(
                new PropertyColumn(rs.getString(2), PromotedColumns.typeOf(rs.getString(3))), rs.getString(4)));
        return new PromotedColumns(m);
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    private void autoCommitQuietly() {
        try {
            writer.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the next use of the connection will say so
        }
    }

    private static void appendColumns(DuckDBAppender a, Event e) throws SQLException {
        a.append(e.ordinal());
        a.append(e.name());
        a.appendEpochMicros(micros(e.timestamp()));
        a.append(e.propertiesJson());
        if (e.messageId() == null) a.appendNull();
        else a.append(e.messageId());
        a.appendEpochMicros(micros(e.receivedAt()));
    }

    /** TIMESTAMP columns hold UTC microseconds; the Appender takes them as such, without a LocalDateTime per value. */
    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    @Override
    public List<Event> newestFor(int ordinal, int limit) {
        return read(c -> Jdbc.query(c, sql.get("newest-for"), ps -> {
            ps.setInt(1, ordinal);
            ps.setInt(2, limit);
        }, rs -> new Event(ordinal, rs.getString(1), instant(rs, 2), rs.getString(3), rs.getString(4), instant(rs, 5))));
    }

    @Override
    public long deleteFor(int ordinal) {
        appends.writeLock().lock();
        try {
            try {
                return Jdbc.update(writer, sql.get("delete-for"), ps -> ps.setInt(1, ordinal));
            } catch (SQLException e) {
                throw new StorageException("erasing events of ordinal " + ordinal + " failed: " + e.getMessage(), e);
            }
        } finally {
            appends.writeLock().unlock();
        }
    }

    @Override
    public List<ExposureCounts.Row> byVariant(String experimentKey, Instant since, String goalEvent) {
        Jdbc.Binder parameters = ExposureQuery.parameters(Dialect.DUCKDB, experimentKey, since, goalEvent);
        return read(c -> Jdbc.query(c, sql.get("experiment-results"), parameters, ExposureQuery.ROWS));
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

    /**
     * DuckDB TIMESTAMP columns hold UTC wall-clock times; read as LocalDateTime, never through the JVM's time
     * zone (a Timestamp would shift times that do not exist in it, e.g. at a daylight-saving change).
     */
    private static Instant instant(java.sql.ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }


    public void close() {
        seen.close();
        admission.lock();
        appends.writeLock().lock();
        try {
            try {
                for (DuckDBConnection c; (c = appenders.poll()) != null; ) c.close();
                try (Statement s = writer.createStatement()) {
                    s.execute("CHECKPOINT");
                }
                writer.close();
            } catch (SQLException e) {
                throw new StorageException("closing the DuckDB event store failed: " + e.getMessage(), e);
            }
        } finally {
            appends.writeLock().unlock();
            admission.unlock();
        }
    }

    /** Tests: whether a batch waits to be appended (behind an append in progress). */
    boolean batchesWaiting() {
        return appends.hasQueuedThreads();
    }

    /** Tests: waits until the messageId filter is filled (or its filling ended otherwise); true when it is in use. */
    boolean awaitMessageIdFilter() throws InterruptedException {
        seen.awaitFilled();
        return seen.filled();
    }
}
