package dev.audience.storage.postgres;

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

import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Events in PostgreSQL (cluster mode): a batch is one INSERT of unnested arrays. */
public final class PostgresEventStore implements EventStore, EventConditions, ExposureCounts {
    private final Jdbc jdbc;
    private final NamedQueries sql;
    private final EventSqlCompiler compiler = new EventSqlCompiler(Dialect.POSTGRES);
    private volatile PromotedColumns promoted;
    /** The append statement for {@link #promoted}, built when the columns change, not per batch. */
    private volatile SqlQuery appendSql;
    /** Appends share it; a promotion takes it alone, so no insert is built with the old column list meanwhile. */
    private final java.util.concurrent.locks.ReadWriteLock promotion = new java.util.concurrent.locks.ReentrantReadWriteLock();

    public PostgresEventStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.promoted = loadPromoted();
        this.appendSql = appendStatement();
    }

    @Override
    public AppendResult append(List<Event> events) {
        if (events.isEmpty()) return new AppendResult(0, 0);
        int n = events.size();
        Integer[] ordinals = new Integer[n];
        String[] names = new String[n];
        String[] ts = new String[n];
        String[] props = new String[n];
        String[] ids = new String[n];
        String[] received = new String[n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            ordinals[i] = e.ordinal();
            names[i] = e.name();
            ts[i] = e.timestamp().toString();
            props[i] = e.propertiesJson();
            ids[i] = e.messageId();
            received[i] = e.receivedAt().toString();
        }
        promotion.readLock().lock();
        try {
            return appendUnderLock(events, ordinals, names, ts, props, ids, received);
        } finally {
            promotion.readLock().unlock();
        }
    }

    private AppendResult appendUnderLock(List<Event> events, Integer[] ordinals, String[] names, String[] ts,
                                         String[] props, String[] ids, String[] received) {
        int n = events.size();
        SqlQuery append = appendSql;
        int stored = jdbc.withConnection(c -> Jdbc.update(c, append.sql(), ps -> {
            // The promoted columns' keys come first in the statement's text, the six arrays after them.
            int k = append.params().size();
            for (int i = 0; i < k; i++) ps.setObject(1 + i, append.params().get(i));
            ps.setArray(k + 1, c.createArrayOf("int4", ordinals));
            ps.setArray(k + 2, c.createArrayOf("text", names));
            ps.setArray(k + 3, c.createArrayOf("text", ts));
            ps.setArray(k + 4, c.createArrayOf("text", props));
            ps.setArray(k + 5, c.createArrayOf("text", ids));
            ps.setArray(k + 6, c.createArrayOf("text", received));
        }));
        return new AppendResult(stored, n - stored);
    }

    @Override
    public List<Event> newestFor(int ordinal, int limit) {
        return jdbc.query(sql.get("newest-for"), ps -> {
            ps.setInt(1, ordinal);
            ps.setInt(2, limit);
        }, rs -> new Event(ordinal, rs.getString(1), instant(rs.getTimestamp(2)), rs.getString(3),
                rs.getString(4), instant(rs.getTimestamp(5))));
    }

    @Override
    public long deleteFor(int ordinal) {
        return jdbc.update(sql.get("delete-for"), ps -> ps.setInt(1, ordinal));
    }

    @Override
    public List<ExposureCounts.Row> byVariant(String experimentKey, Instant since, String goalEvent) {
        return jdbc.query(sql.get("experiment-results"), ExposureQuery.parameters(Dialect.POSTGRES, experimentKey, since, goalEvent),
                ExposureQuery.ROWS);
    }

    @Override
    public long count() {
        return jdbc.queryOne(sql.get("count"), ps -> {}, rs -> rs.getLong(1)).orElse(0L);
    }

    /**
     * The named {@code append} statement, widened with the promoted columns, each computed from the row's
     * JSON properties (the property keys bound as parameters before the six arrays).
     */
    private SqlQuery appendStatement() {
        String base = sql.get("append");
        if (promoted.isEmpty()) return new SqlQuery(base, List.of());
        StringBuilder target = new StringBuilder();
        StringBuilder select = new StringBuilder();
        List<Object> params = new ArrayList<>();
        promoted.byProperty().forEach((column, name) -> {
            SqlQuery read = compiler.extraction(column, "u.properties");
            target.append(", ").append(name);
            select.append(", ").append(read.sql());
            params.addAll(read.params());
        });
        String statement = replaceOnce(base, "received_at)\n", "received_at" + target + ")\n");
        statement = replaceOnce(statement, "SELECT * FROM unnest(", "SELECT u.*" + select + " FROM unnest(");
        statement = replaceOnce(statement, "::timestamptz[])", "::timestamptz[]) AS u (ordinal, name, ts, properties, message_id, received_at)");
        return new SqlQuery(statement, params);
    }

    /** Widening the named statement must change exactly what it expects: a silent miss would corrupt inserts. */
    private static String replaceOnce(String text, String what, String with) {
        int at = text.indexOf(what);
        if (at < 0 || text.indexOf(what, at + 1) >= 0) {
            throw new IllegalStateException("the events append statement is not shaped as expected around \"" + what + "\"");
        }
        return text.substring(0, at) + with + text.substring(at + what.length());
    }

    @Override
    public Performed performed(Condition.Did did, Instant now) {
        EventSqlCompiler.Plan plan = compiler.compile(did, now, promoted.byProperty());
        return new Performed(jdbc.ordinals(plan.query().sql(), plan.query().params()), plan.complement());
    }

    @Override
    public long timesPerformed(Condition.Did did, int ordinal, Instant now) {
        SqlQuery q = compiler.countFor(did, ordinal, now, promoted.byProperty());
        return jdbc.queryOne(q.sql(), Jdbc.params(q.params()), rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public Set<PropertyColumn> promoted() {
        return promoted.byProperty().keySet();
    }

    /** Adds a typed column per new property and fills it for stored events, each in one transaction. */
    @Override
    public void promote(Set<PropertyColumn> columns) {
        promotion.writeLock().lock();
        try {
            promoteUnderLock(columns);
        } finally {
            promotion.writeLock().unlock();
        }
    }

    private void promoteUnderLock(Set<PropertyColumn> columns) {
        for (PropertyColumn c : columns) {
            if (promoted.byProperty().containsKey(c)) continue;
            int id = promoted.byProperty().size() + 1;
            String name = PromotedColumns.columnName(id, c.type());
            SqlQuery read = compiler.extraction(c);
            jdbc.inTransaction(conn -> {
                try (Statement s = conn.createStatement()) {
                    s.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS " + name + " "
                            + PromotedColumns.sqlType(c.type(), true));
                }
                Jdbc.update(conn, "UPDATE events SET " + name + " = " + read.sql(), Jdbc.params(read.params()));
                return Jdbc.update(conn, sql.get("register-promoted"), ps -> {
                    ps.setInt(1, id);
                    ps.setString(2, c.property());
                    ps.setString(3, c.type().name());
                    ps.setString(4, name);
                });
            });
            promoted = promoted.with(c, name);
            appendSql = appendStatement();
        }
    }

    private PromotedColumns loadPromoted() {
        Map<PropertyColumn, String> m = new LinkedHashMap<>();
        jdbc.query(sql.get("promoted"), ps -> {}, rs -> m.put(
                new PropertyColumn(rs.getString(2), PromotedColumns.typeOf(rs.getString(3))), rs.getString(4)));
        return new PromotedColumns(m);
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }

}
