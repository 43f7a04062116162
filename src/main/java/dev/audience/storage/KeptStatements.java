package dev.audience.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Prepared statements kept from one use of a pooled connection to the next, for a hot path that runs the same few
 * statements thousands of times a second (the delivery ledger's group commits). sqlite-jdbc keeps no statement
 * cache, and preparing the ledger's statements again for every commit was a visible share of its CPU.
 *
 * <p>A statement is prepared on the driver's own connection behind the pool's proxy, so the pool does not close
 * it when the connection goes back; it is used only while that connection is borrowed, by the one thread that
 * holds it. Statements of a connection the pool has since closed are dropped.
 */
public final class KeptStatements {
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new IdentityHashMap<>();

    /** The statement for {@code sql} on {@code pooled}'s driver connection, prepared the first time. Not to be closed. */
    public PreparedStatement get(Connection pooled, String sql) throws SQLException {
        Connection raw = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
        Map<String, PreparedStatement> kept;
        synchronized (byConnection) {
            kept = byConnection.get(raw);
            if (kept == null) {
                byConnection.keySet().removeIf(KeptStatements::closed);
                kept = new HashMap<>();
                byConnection.put(raw, kept);
            }
        }
        PreparedStatement ps = kept.get(sql); // only the thread holding the connection reaches its map
        if (ps == null || ps.isClosed()) {
            ps = raw.prepareStatement(sql);
            kept.put(sql, ps);
        }
        return ps;
    }

    /**
     * Drops (and closes) the statements kept for {@code pooled}'s connection, after a failure that may have left one
     * of them mid-step: the next use prepares them afresh.
     */
    public void discard(Connection pooled) {
        Map<String, PreparedStatement> kept;
        try {
            Connection raw = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
            synchronized (byConnection) {
                kept = byConnection.remove(raw);
            }
        } catch (SQLException e) {
            return;
        }
        if (kept == null) return;
        for (PreparedStatement ps : kept.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // already unusable: dropped either way
            }
        }
    }

    /** How many connections have statements kept (for tests). */
    int connections() {
        synchronized (byConnection) {
            return byConnection.size();
        }
    }

    private static boolean closed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
