package dev.audience.storage.jdbc;

import dev.audience.delivery.Delivery;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.delivery.DeliveryState;
import dev.audience.delivery.HandoverJournal;
import dev.audience.delivery.NodeLease;
import dev.audience.delivery.DeliveryLedger.Transition;
import dev.audience.storage.Jdbc;
import dev.audience.storage.KeptStatements;
import dev.audience.storage.NamedQueries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ledger over JDBC: shared statements, plus the claim of each dialect. */
public final class JdbcDeliveryLedger implements DeliveryLedger {
    private final Jdbc jdbc;
    private final NamedQueries sql;
    private final NamedQueries claim;
    /** The transition statements, prepared once per connection: the group commits run them all the time. */
    private final KeptStatements kept = new KeptStatements();

    /**
     * SQLite: the ledger's busy writes in this process (a campaign's rows, claims, the group commits) take turns here
     * (the occasional ones, such as a cancel's or an open's, still meet the others in SQLite's busy handler). SQLite
     * lets one transaction write at a time, and a writer that finds the database locked sleeps in its busy handler
     * (1, 2, 5, 10 ms... between tries), so a claim that met a commit lost milliseconds while the senders ran dry.
     * Null with PostgreSQL, whose writers lock rows, not the database.
     */
    private final java.util.concurrent.locks.ReentrantLock oneWriter;

    private final boolean sqlite;

    public JdbcDeliveryLedger(Jdbc jdbc, NamedQueries sql, NamedQueries claim, boolean sqlite) {
        this.sqlite = sqlite;
        this.oneWriter = sqlite ? new java.util.concurrent.locks.ReentrantLock() : null;
        this.jdbc = jdbc;
        this.sql = sql;
        this.claim = claim;
    }

    @Override
    public int write(String campaignId, String channel, String testRun, List<NewRow> rows, Instant now) {
        if (rows.isEmpty()) return 0;
        return writing(() -> jdbc.inTransaction(c -> {
            int written = 0;
            try (PreparedStatement ps = c.prepareStatement(sql.get("write"))) {
                int pending = 0;
                for (NewRow r : rows) {
                    ps.setString(1, campaignId);
                    ps.setInt(2, r.ordinal());
                    ps.setString(3, channel);
                    Jdbc.setText(ps, 4, testRun);
                    ps.setString(5, r.state().wireName());
                    Jdbc.setText(ps, 6, r.address());
                    Jdbc.setText(ps, 7, r.reason());
                    ps.setLong(8, now.toEpochMilli());
                    ps.setLong(9, now.toEpochMilli());
                    ps.addBatch();
                    if (++pending == 5000) {
                        written += sum(ps.executeBatch());
                        pending = 0;
                    }
                }
                if (pending > 0) written += sum(ps.executeBatch());
            }
            return written;
        }));
    }

    /** Runs a write transaction of the ledger, in turn with the others of this process where SQLite needs it. */
    private <T> T writing(java.util.function.Supplier<T> transaction) {
        if (oneWriter == null) return transaction.get();
        oneWriter.lock();
        try {
            return transaction.get();
        } finally {
            oneWriter.unlock();
        }
    }

    private static int sum(int[] counts) {
        int n = 0;
        for (int c : counts) n += Math.max(c, 0);
        return n;
    }

    @Override
    public List<Delivery> claim(NodeLease holder, String channel, int limit, Instant now) {
        return writing(() -> jdbc.inTransaction(c -> Jdbc.query(c, claim.get("claim"), ps -> {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, holder.node());
            ps.setLong(3, holder.until(now).toEpochMilli());
            ps.setString(4, channel);
            ps.setLong(5, now.toEpochMilli());
            ps.setInt(6, limit);
        }, JdbcDeliveryLedger::delivery)));
    }

    @Override
    public void recordAttempts(List<Attempt> attempts) {
        if (attempts.isEmpty()) return;
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.get("record-attempt"))) {
                for (Attempt a : attempts) {
                    ps.setLong(1, a.deliveryId());
                    ps.setInt(2, a.attempt());
                    ps.setString(3, a.token());
                    ps.setString(4, a.platform());
                    ps.setString(5, a.outcome());
                    Jdbc.setText(ps, 6, a.reply());
                    ps.setLong(7, a.at().toEpochMilli());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Attempt> attempts(List<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) return List.of();
        return jdbc.query(claim.get("attempts-of"), ps -> ps.setString(1, dev.audience.storage.JsonColumns.write(deliveryIds)),
                rs -> new Attempt(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))));
    }

    @Override
    public boolean[] apply(String node, List<Transition> transitions, Instant now) {
        return writing(() -> jdbc.inTransaction(c -> {
            try {
                return applyKept(c, node, transitions, now);
            } catch (SQLException | RuntimeException e) {
                kept.discard(c); // a statement may be left mid-step: prepare afresh next time
                throw e;
            }
        }));
    }

    private boolean[] applyKept(Connection c, String node, List<Transition> transitions, Instant now) throws SQLException {
        boolean[] out = new boolean[transitions.size()];
        // Rows are written in id order, as the lease renewal locks them: two transactions that lock rows in
        // the same order cannot deadlock on PostgreSQL.
        Integer[] order = new Integer[out.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> transitions.get(i).id()));
        for (int i : order) {
            Transition t = transitions.get(i);
            String name = switch (t) {
                case Transition.Sending s -> "sending";
                case Transition.Sent s -> "sent";
                case Transition.Retry r -> "retry";
                case Transition.Failed f -> "failed";
                case Transition.Skipped s -> "skipped";
                case Transition.Closed x -> "close-claimed";
                case Transition.Unknown x -> "unknown";
                case Transition.Release x -> "release-claimed";
            };
            PreparedStatement ps = kept.get(c, sql.get(name));
            ps.setString(bind(ps, t, now), node);
            out[i] = ps.executeUpdate() == 1;
        }
        return out;
    }

    /**
     * Binds a transition the way its statement in ledger.sql reads its parameters; returns the index of the
     * last one, the holding node, which every transition statement checks.
     */
    private static int bind(PreparedStatement ps, Transition t, Instant now) throws SQLException {
        long ms = now.toEpochMilli();
        return switch (t) {
            case Transition.Sending s -> {
                ps.setLong(1, ms);
                ps.setLong(2, s.id());
                ps.setLong(3, ms);
                yield 4;
            }
            case Transition.Closed x -> {
                ps.setString(1, x.state().wireName());
                ps.setLong(2, ms);
                ps.setLong(3, x.id());
                yield 4;
            }
            case Transition.Release x -> {
                ps.setLong(1, ms);
                ps.setLong(2, x.id());
                yield 3;
            }
            case Transition.Retry r -> {
                Jdbc.setText(ps, 1, r.reply());
                ps.setLong(2, r.at().toEpochMilli());
                ps.setLong(3, ms);
                ps.setLong(4, r.id());
                yield 5;
            }
            case Transition.Sent s -> reasonThenId(ps, s.reply(), ms, s.id());
            case Transition.Failed f -> reasonThenId(ps, f.reply(), ms, f.id());
            case Transition.Skipped s -> reasonThenId(ps, s.reason(), ms, s.id());
            case Transition.Unknown u -> reasonThenId(ps, u.reason(), ms, u.id());
        };
    }

    private static int reasonThenId(PreparedStatement ps, String reason, long ms, long id) throws SQLException {
        Jdbc.setText(ps, 1, reason);
        ps.setLong(2, ms);
        ps.setLong(3, id);
        return 4;
    }

    @Override
    public int recover(Instant now) {
        return jdbc.inTransaction(c -> {
            int unknown = Jdbc.update(c, sql.get("sending-to-unknown"), ps -> ps.setLong(1, now.toEpochMilli()));
            Jdbc.update(c, sql.get("release-claims"), ps -> ps.setLong(1, now.toEpochMilli()));
            return unknown;
        });
    }

    @Override
    public int recoverHandedOver(String node, List<HandoverJournal.Entry> entries, Instant now) {
        if (entries.isEmpty()) return 0;
        int becameUnknown = jdbc.inTransaction(c -> {
            int unknown = 0;
            for (HandoverJournal.Entry e : entries) {
                if (e.answered() && !e.accepted()) continue;
                int changed = Jdbc.update(c, sql.get(e.answered() ? "handed-over-to-sent" : "handed-over-to-unknown"), ps -> {
                    ps.setLong(1, now.toEpochMilli());
                    ps.setLong(2, e.deliveryId());
                    ps.setString(3, node);
                });
                if (!e.answered()) unknown += changed;
            }
            return unknown;
        });
        if (sqlite) {
            // The journal's entries are let go next: its zeroed page may reach the disk before this commit, which
            // synchronous=NORMAL does not sync. A full checkpoint puts the commit in the database file, synced.
            jdbc.withConnection(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(FULL)");
                }
                return null;
            });
        }
        return becameUnknown;
    }

    @Override
    public int renewLeases(NodeLease holder, Instant now) {
        return jdbc.update(claim.get("renew-leases"), ps -> {
            ps.setLong(1, holder.until(now).toEpochMilli());
            ps.setString(2, holder.node());
        });
    }

    @Override
    public Recovered recoverExpired(Instant now) {
        return jdbc.inTransaction(c -> {
            int unknown = Jdbc.update(c, sql.get("expired-sending-to-unknown"), ps -> {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
            });
            int queued = Jdbc.update(c, sql.get("expired-claims"), ps -> {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
            });
            return new Recovered(queued, unknown);
        });
    }

    @Override
    public int closePending(String campaignId, DeliveryState state, Instant now) {
        return jdbc.update(sql.get("close-pending"), ps -> {
            ps.setString(1, state.wireName());
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, campaignId);
        });
    }

    @Override
    public Map<DeliveryState, Long> counts(String campaignId) {
        Map<DeliveryState, Long> out = new EnumMap<>(DeliveryState.class);
        jdbc.query(sql.get("counts"), ps -> ps.setString(1, campaignId),
                rs -> out.put(DeliveryState.fromWire(rs.getString(1)).orElseThrow(), rs.getLong(2)));
        return out;
    }

    @Override
    public boolean anyPending(String campaignId) {
        return jdbc.queryOne(sql.get("any-pending"), ps -> ps.setString(1, campaignId), rs -> true).isPresent();
    }

    @Override
    public List<Delivery> page(String campaignId, DeliveryState state, long afterId, int limit) {
        return jdbc.query(sql.get("page"), ps -> {
            ps.setString(1, campaignId);
            ps.setLong(2, afterId);
            Jdbc.setText(ps, 3, state == null ? null : state.wireName());
            Jdbc.setText(ps, 4, state == null ? null : state.wireName());
            ps.setInt(5, limit);
        }, JdbcDeliveryLedger::delivery);
    }

    @Override
    public boolean opened(long id, Instant now) {
        return mark("opened", id, now);
    }

    @Override
    public boolean clicked(long id, Instant now) {
        return mark("clicked", id, now);
    }

    private boolean mark(String query, long id, Instant now) {
        return jdbc.update(sql.get(query), ps -> {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, id);
        }) == 1;
    }

    @Override
    public Optional<Delivery> find(long id) {
        return jdbc.queryOne(sql.get("find"), ps -> ps.setLong(1, id), JdbcDeliveryLedger::delivery);
    }

    @Override
    public long[] engagement(String campaignId) {
        return jdbc.queryOne(sql.get("engagement"), ps -> ps.setString(1, campaignId),
                rs -> new long[]{rs.getLong(1), rs.getLong(2)}).orElse(new long[]{0, 0});
    }

    @Override
    public List<Delivery> testRun(String campaignId, String run) {
        return jdbc.query(sql.get("test-run"), ps -> {
            ps.setString(1, campaignId);
            ps.setString(2, run);
        }, JdbcDeliveryLedger::delivery);
    }

    @Override
    public List<Delivery> forProfile(int ordinal, int limit) {
        return jdbc.query(sql.get("for-profile"), ps -> {
            ps.setInt(1, ordinal);
            ps.setInt(2, limit);
        }, JdbcDeliveryLedger::delivery);
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                DeliveryState.fromWire(rs.getString(6)).orElseThrow(), rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)),
                rs.getString(9), rs.getString(10), Instant.ofEpochMilli(rs.getLong(11)));
    }
}
