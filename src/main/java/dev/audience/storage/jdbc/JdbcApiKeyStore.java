package dev.audience.storage.jdbc;

import dev.audience.apikey.ApiKey;
import dev.audience.apikey.ApiKeyKind;
import dev.audience.apikey.ApiKeyStore;
import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys over JDBC, for SQLite and PostgreSQL alike. */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private final Jdbc jdbc;
    private final NamedQueries sql;

    public JdbcApiKeyStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public void insert(ApiKey k) {
        jdbc.update(sql.get("insert"), ps -> {
            ps.setString(1, k.id());
            ps.setString(2, k.kind().wireName());
            ps.setString(3, k.hash());
            ps.setString(4, k.displayPrefix());
            ps.setLong(5, k.createdAt().toEpochMilli());
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        return jdbc.queryOne(sql.get("find-by-hash"), ps -> ps.setString(1, hash), JdbcApiKeyStore::key);
    }

    @Override
    public List<ApiKey> list() {
        return jdbc.query(sql.get("list"), ps -> {}, JdbcApiKeyStore::key);
    }

    @Override
    public Optional<ApiKey> findById(String id) {
        return jdbc.queryOne(sql.get("find-by-id"), ps -> ps.setString(1, id), JdbcApiKeyStore::key);
    }

    @Override
    public boolean revoke(String id, Instant now) {
        return jdbc.update(sql.get("revoke"), ps -> {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, id);
        }) == 1;
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), ApiKeyKind.fromWire(rs.getString(2)).orElseThrow(), rs.getString(3),
                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), Jdbc.millis(rs, "revoked_at"));
    }
}
