package dev.audience.storage.postgres;

import dev.audience.event.AppendResult;
import dev.audience.event.Event;
import dev.audience.event.EventStore;
import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Events in PostgreSQL (cluster mode): a batch is one INSERT of unnested arrays. */
public final class PostgresEventStore implements EventStore {
    private final Jdbc jdbc;
    private final NamedQueries sql;

    public PostgresEventStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
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
        int stored = jdbc.withConnection(c -> Jdbc.update(c, sql.get("append"), ps -> {
            ps.setArray(1, c.createArrayOf("int4", ordinals));
            ps.setArray(2, c.createArrayOf("text", names));
            ps.setArray(3, c.createArrayOf("text", ts));
            ps.setArray(4, c.createArrayOf("text", props));
            ps.setArray(5, c.createArrayOf("text", ids));
            ps.setArray(6, c.createArrayOf("text", received));
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
    public long count() {
        return jdbc.queryOne(sql.get("count"), ps -> {}, rs -> rs.getLong(1)).orElse(0L);
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }

}
