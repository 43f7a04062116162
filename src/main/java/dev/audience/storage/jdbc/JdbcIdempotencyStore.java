package dev.audience.storage.jdbc;

import dev.audience.common.IdempotencyStore;
import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;

import java.time.Instant;
import java.util.Optional;

/** Idempotency keys over JDBC, for SQLite and PostgreSQL alike. */
public final class JdbcIdempotencyStore implements IdempotencyStore {
    private final Jdbc jdbc;
    private final NamedQueries sql;

    public JdbcIdempotencyStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public boolean begin(String key, String route, Instant now) {
        return jdbc.update(sql.get("begin"), ps -> {
            ps.setString(1, key);
            ps.setString(2, route);
            ps.setLong(3, now.toEpochMilli());
        }) == 1;
    }

    @Override
    public boolean takeOver(String key, String route, Instant now, Instant abandonedBefore) {
        return jdbc.update(sql.get("take-over"), ps -> {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, key);
            ps.setString(3, route);
            ps.setLong(4, abandonedBefore.toEpochMilli());
        }) == 1;
    }

    @Override
    public Optional<Answer> find(String key, String route) {
        return jdbc.queryOne(sql.get("find"), ps -> {
            ps.setString(1, key);
            ps.setString(2, route);
        }, rs -> new Answer(rs.getObject(1) == null ? null : rs.getInt(1), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4))));
    }

    @Override
    public void complete(String key, String route, int status, String contentType, String body) {
        jdbc.update(sql.get("complete"), ps -> {
            ps.setInt(1, status);
            Jdbc.setText(ps, 2, contentType);
            Jdbc.setText(ps, 3, body);
            ps.setString(4, key);
            ps.setString(5, route);
        });
    }

    @Override
    public void forget(String key, String route) {
        jdbc.update(sql.get("forget"), ps -> {
            ps.setString(1, key);
            ps.setString(2, route);
        });
    }

    @Override
    public int expire(Instant before) {
        return jdbc.update(sql.get("expire"), ps -> ps.setLong(1, before.toEpochMilli()));
    }
}
