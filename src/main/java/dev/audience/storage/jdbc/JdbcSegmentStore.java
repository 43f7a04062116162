package dev.audience.storage.jdbc;

import dev.audience.segment.RefreshSchedule;
import dev.audience.segment.Segment;
import dev.audience.segment.SegmentStatus;
import dev.audience.segment.SegmentStore;
import dev.audience.segment.SegmentType;
import dev.audience.segment.Snapshot;
import dev.audience.segment.SnapshotInfo;
import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Segments and snapshots over JDBC, for SQLite and PostgreSQL alike. Bitmaps are stored in RoaringBitmap's portable format. */
public final class JdbcSegmentStore implements SegmentStore {
    private final Jdbc jdbc;
    private final NamedQueries sql;

    public JdbcSegmentStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public boolean insert(Segment s) {
        return jdbc.update(sql.get("insert"), ps -> {
            ps.setString(1, s.key());
            ps.setString(2, s.name());
            Jdbc.setText(ps, 3, s.description());
            ps.setString(4, s.type().wireName());
            Jdbc.setText(ps, 5, s.definition());
            bindRefresh(ps, 6, s.refresh());
            ps.setBoolean(8, s.internal());
            ps.setString(9, s.status().wireName());
            Jdbc.setText(ps, 10, s.error());
            ps.setLong(11, s.createdAt().toEpochMilli());
            ps.setLong(12, s.updatedAt().toEpochMilli());
            Jdbc.setMillis(ps, 13, s.nextRefreshAt());
        }) == 1;
    }

    @Override
    public void update(Segment s) {
        jdbc.update(sql.get("update"), ps -> {
            ps.setString(1, s.name());
            Jdbc.setText(ps, 2, s.description());
            Jdbc.setText(ps, 3, s.definition());
            bindRefresh(ps, 4, s.refresh());
            ps.setBoolean(6, s.internal());
            ps.setString(7, s.status().wireName());
            Jdbc.setText(ps, 8, s.error());
            ps.setLong(9, s.updatedAt().toEpochMilli());
            Jdbc.setMillis(ps, 10, s.nextRefreshAt());
            ps.setString(11, s.key());
        });
    }

    @Override
    public void updateState(Segment s) {
        jdbc.update(sql.get("update-state"), ps -> {
            ps.setString(1, s.status().wireName());
            Jdbc.setText(ps, 2, s.error());
            ps.setLong(3, s.updatedAt().toEpochMilli());
            Jdbc.setMillis(ps, 4, s.nextRefreshAt());
            ps.setString(5, s.key());
        });
    }

    @Override
    public Optional<Segment> find(String key) {
        return jdbc.queryOne(sql.get("find"), ps -> ps.setString(1, key), JdbcSegmentStore::segment);
    }

    @Override
    public List<Segment> list() {
        return jdbc.query(sql.get("list"), ps -> {}, JdbcSegmentStore::segment);
    }

    @Override
    public void delete(String key) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, sql.get("delete-snapshots"), ps -> ps.setString(1, key));
            return Jdbc.update(c, sql.get("delete"), ps -> ps.setString(1, key));
        });
    }

    @Override
    public boolean saveSnapshot(Snapshot s, int keep) {
        byte[] bytes = serialize(s.members());
        return jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, sql.get("save-snapshot"), ps -> {
                ps.setString(1, s.segmentKey());
                ps.setLong(2, s.version());
                ps.setLong(3, s.createdAt().toEpochMilli());
                ps.setLong(4, s.size());
                ps.setLong(5, s.entered());
                ps.setLong(6, s.exited());
                ps.setBytes(7, bytes);
            });
            if (n == 1) {
                Jdbc.update(c, sql.get("prune-snapshots"), ps -> {
                    ps.setString(1, s.segmentKey());
                    ps.setLong(2, s.version() - keep);
                });
            }
            return n == 1;
        });
    }

    @Override
    public java.util.Map<String, Long> latestVersions() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        jdbc.query(sql.get("latest-versions"), ps -> { }, rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    @Override
    public Optional<Snapshot> latestSnapshot(String key) {
        return jdbc.queryOne(sql.get("latest-snapshot"), ps -> ps.setString(1, key), rs -> new Snapshot(key,
                rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                deserialize(rs.getBytes(6))));
    }

    @Override
    public List<SnapshotInfo> history(String key, int limit) {
        return jdbc.query(sql.get("history"), ps -> {
            ps.setString(1, key);
            ps.setInt(2, limit);
        }, rs -> new SnapshotInfo(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3), rs.getLong(4),
                rs.getLong(5)));
    }

    @Override
    public boolean tryLease(String key, String owner, Instant until, Instant now) {
        return jdbc.update(sql.get("try-lease"), ps -> {
            ps.setString(1, owner);
            ps.setLong(2, until.toEpochMilli());
            ps.setString(3, key);
            ps.setLong(4, now.toEpochMilli());
        }) == 1;
    }

    @Override
    public void releaseLease(String key, String owner) {
        jdbc.update(sql.get("release-lease"), ps -> {
            ps.setString(1, key);
            ps.setString(2, owner);
        });
    }

    @Override
    public List<String> dueForRefresh(Instant now) {
        return jdbc.query(sql.get("due"), ps -> ps.setLong(1, now.toEpochMilli()), rs -> rs.getString(1));
    }

    private static Segment segment(ResultSet rs) throws SQLException {
        long every = rs.getLong("refresh_every_s");
        boolean hasEvery = !rs.wasNull();
        String cron = rs.getString("refresh_cron");
        RefreshSchedule refresh = hasEvery ? new RefreshSchedule.Every(Duration.ofSeconds(every))
                : cron != null ? new RefreshSchedule.Cron(cron) : null;
        Instant nextAt = Jdbc.millis(rs, "next_refresh_at");
        return new Segment(rs.getString("key"), rs.getString("name"), rs.getString("description"),
                SegmentType.fromWire(rs.getString("type")).orElseThrow(), rs.getString("definition"), refresh,
                rs.getBoolean("internal"), SegmentStatus.fromWire(rs.getString("status")), rs.getString("error"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")), nextAt);
    }

    private static void bindRefresh(PreparedStatement ps, int i, RefreshSchedule r) throws SQLException {
        if (r instanceof RefreshSchedule.Every e) ps.setLong(i, e.period().toSeconds());
        else ps.setNull(i, Types.BIGINT);
        if (r instanceof RefreshSchedule.Cron c) ps.setString(i + 1, c.expression());
        else ps.setNull(i + 1, Types.VARCHAR);
    }

    static byte[] serialize(RoaringBitmap b) {
        ByteBuffer buf = ByteBuffer.allocate(b.serializedSizeInBytes());
        b.serialize(buf);
        return buf.array();
    }

    static RoaringBitmap deserialize(byte[] bytes) {
        RoaringBitmap b = new RoaringBitmap();
        try {
            b.deserialize(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored segment snapshot is unreadable", e);
        }
        return b;
    }
}
