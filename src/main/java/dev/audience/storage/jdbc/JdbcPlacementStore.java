package dev.audience.storage.jdbc;

import dev.audience.banner.Placement;
import dev.audience.banner.PlacementStore;
import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Placements over JDBC, for SQLite and PostgreSQL alike: shared statements, plus the delete of each dialect. */
public final class JdbcPlacementStore implements PlacementStore {
    private final Jdbc jdbc;
    private final NamedQueries sql;
    private final NamedQueries delete;

    public JdbcPlacementStore(Jdbc jdbc, NamedQueries sql, NamedQueries delete) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.delete = delete;
    }

    @Override
    public boolean insert(Placement p) {
        return jdbc.update(sql.get("insert"), ps -> {
            ps.setString(1, p.key());
            ps.setString(2, p.description());
            ps.setLong(3, p.createdAt().toEpochMilli());
        }) == 1;
    }

    @Override
    public Optional<Placement> find(String key) {
        return jdbc.queryOne(sql.get("find"), ps -> ps.setString(1, key), JdbcPlacementStore::placement);
    }

    @Override
    public List<Placement> list() {
        return jdbc.query(sql.get("list"), ps -> {}, JdbcPlacementStore::placement);
    }

    @Override
    public boolean describe(String key, String description) {
        return jdbc.update(sql.get("update-description"), ps -> {
            ps.setString(1, description);
            ps.setString(2, key);
        }) == 1;
    }

    @Override
    public Deletion deleteUnused(String key) {
        if (jdbc.update(delete.get("delete-unused"), ps -> ps.setString(1, key)) == 1) return Deletion.DELETED;
        return find(key).isPresent() ? Deletion.IN_USE : Deletion.NOT_FOUND;
    }

    private static Placement placement(ResultSet rs) throws SQLException {
        return new Placement(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
    }
}
