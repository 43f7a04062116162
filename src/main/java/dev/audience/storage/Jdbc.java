package dev.audience.storage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Just enough JDBC: statements with binders and row mappers, and transactions, with SQLException wrapped. */
public final class Jdbc {
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    /** Runs the work in one transaction, committed when it returns and rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        return withConnection(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return withConnection(c -> query(c, sql, binder, mapper));
    }

    public <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public int update(String sql, Binder binder) {
        return withConnection(c -> update(c, sql, binder));
    }

    public static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        }
    }

    /** Binds the values of a compiled query, in order. */
    public static Binder params(java.util.List<Object> values) {
        return ps -> {
            for (int i = 0; i < values.size(); i++) ps.setObject(i + 1, values.get(i));
        };
    }

    /** Runs a query whose first column is an ordinal, into a bitmap. */
    public org.roaringbitmap.RoaringBitmap ordinals(String sql, java.util.List<Object> values) {
        return withConnection(c -> ordinals(c, sql, values));
    }

    public static org.roaringbitmap.RoaringBitmap ordinals(Connection c, String sql, java.util.List<Object> values)
            throws SQLException {
        int[] buf = new int[4096];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            params(values).bind(ps);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == buf.length) buf = java.util.Arrays.copyOf(buf, n * 2);
                    buf[n++] = rs.getInt(1);
                }
            }
        }
        // Rows come in no particular order; building from the whole array at once beats one add per row.
        org.roaringbitmap.RoaringBitmap out = org.roaringbitmap.RoaringBitmap.bitmapOfUnordered(java.util.Arrays.copyOf(buf, n));
        out.runOptimize();
        return out;
    }

    public static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /** Binds a string, or SQL NULL for null. */
    public static void setText(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) ps.setNull(i, Types.VARCHAR);
        else ps.setString(i, v);
    }

    /** Binds a time as epoch milliseconds (how both state dialects keep times), or SQL NULL for null. */
    public static void setMillis(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, t.toEpochMilli());
    }

    /** Reads a time kept as epoch milliseconds; null for SQL NULL. */
    public static Instant millis(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
