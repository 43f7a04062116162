package dev.audience.storage.duckdb;

import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whether a batch may repeat a stored messageId, answered by {@link SeenMessageIds} once it holds every
 * stored id. A store with many ids fills it in the background (about 0.9 s per million ids), so start-up
 * does not wait for it; until it is full, every batch with ids takes the exact check, and the ids those
 * batches store are kept aside and added when the filter is published. Filling reads a snapshot taken when
 * its scan starts: an id stored after that was stored by a batch that kept it aside, so none is missed.
 * All calls but {@link #close} come under the store's admission lock (which orders batches' filter decisions).
 */
final class StoredMessageIds {
    private static final Logger log = LoggerFactory.getLogger(StoredMessageIds.class);
    /** Stores with fewer ids fill the filter before the store opens: it takes well under a second. */
    static final long FILL_IN_BACKGROUND_FROM = 500_000;

    private static final int WAITING = 0, FILLING = 1, DONE = 2, CLOSED = 3;

    private final ReentrantLock admission;
    private final Runnable afterScan;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile SeenMessageIds seen;
    /** Hashes of the ids stored while the filter fills (8 bytes each); null once it is published. Guarded by the admission lock. */
    private long[] storedWhileFilling = new long[1024];
    private int keptAside;

    /** {@code afterScan} runs between the background scan and the publication of its filter (tests store ids there). */
    StoredMessageIds(DuckDBConnection writer, NamedQueries sql, ReentrantLock admission, Executor filler,
                     long fillInBackgroundFrom, Runnable afterScan) throws SQLException {
        this.admission = admission;
        this.afterScan = afterScan;
        long count = Jdbc.query(writer, sql.get("message-id-count"), ps -> {}, rs -> rs.getLong(1)).get(0);
        if (count < fillInBackgroundFrom) {
            SeenMessageIds ids = new SeenMessageIds(2 * count);
            scan(writer, sql, ids);
            publish(ids);
            state.set(DONE);
            finished.countDown();
        } else {
            DuckDBConnection reader = writer.duplicate();
            filler.execute(() -> fill(reader, sql, count));
        }
    }

    /**
     * True when the ids (their {@link SeenMessageIds#hash}es) may repeat a stored id or one another; they are
     * remembered either way.
     */
    boolean maybeRepeated(long[] hashes) {
        SeenMessageIds ids = seen;
        if (ids != null) return ids.addAll(hashes);
        for (long h : hashes) {
            if (keptAside == storedWhileFilling.length) storedWhileFilling = Arrays.copyOf(storedWhileFilling, 2 * keptAside);
            storedWhileFilling[keptAside++] = h;
        }
        return hashes.length > 0;
    }

    boolean filled() {
        return seen != null;
    }

    /** Waits until the filter is filled, or its filling failed or was stopped. */
    void awaitFilled() throws InterruptedException {
        finished.await();
    }

    /** Stops a filling in progress and waits for it to let go of its connection. */
    void close() {
        int was = state.getAndSet(CLOSED);
        if (was == FILLING) {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fill(DuckDBConnection reader, NamedQueries sql, long count) {
        try (reader) {
            if (!state.compareAndSet(WAITING, FILLING)) return;
            long started = System.nanoTime();
            SeenMessageIds ids = new SeenMessageIds(2 * count);
            if (!scan(reader, sql, ids)) return;
            afterScan.run();
            admission.lock();
            try {
                if (state.get() == CLOSED) return;
                publish(ids);
                state.set(DONE);
            } finally {
                admission.unlock();
            }
            log.info("Filter of {} stored messageIds filled in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not fill the filter of stored messageIds; every batch with messageIds takes the exact check: {}",
                    e.getMessage());
        } finally {
            finished.countDown();
        }
    }

    /** Reads every stored id into {@code ids}; false when the store closed meanwhile. */
    private boolean scan(DuckDBConnection connection, NamedQueries sql, SeenMessageIds ids) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.get("message-ids"))) {
            while (rs.next()) {
                if (state.get() == CLOSED) return false;
                ids.add(rs.getString(1));
            }
        }
        return true;
    }

    /** Under the admission lock (or before the store is shared): adds the ids kept aside and makes the filter live. */
    private void publish(SeenMessageIds ids) {
        for (int i = 0; i < keptAside; i++) ids.addHash(storedWhileFilling[i]);
        storedWhileFilling = null;
        seen = ids;
    }
}
