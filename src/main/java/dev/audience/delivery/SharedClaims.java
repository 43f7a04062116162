package dev.audience.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The claimed rows that a worker's sending threads share, handed out one at a time in the order they were
 * claimed (the ledger's due order: id order within a send).
 *
 * <p><b>Why one queue, not a batch per thread.</b> With a batch of consecutive rows each, ten threads were
 * writing ten places of the ledger at once: every group commit dirtied about ten table pages (and as many
 * index pages), each written whole to SQLite's write-ahead log. Taking rows one at a time from a shared queue,
 * the rows in flight are neighbours, so a commit dirties a page or two.
 *
 * <p><b>Refills.</b> When the queue runs low, the thread that noticed claims the next rows (outside the lock,
 * so the others go on sending what is left); a thread that finds the queue empty while a refill runs waits for
 * it. A refill that claims nothing means nothing is due: takers get null once the queue is empty, and the next
 * claim waits until then.
 *
 * <p><b>Closing.</b> {@link #close} hands every row still queued to {@code release}, and so does a refill that
 * finishes after the close: a claimed row that will not be sent now goes back to the ledger's queue, never
 * left claimed.
 */
final class SharedClaims<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SharedClaims.class);
    private final Supplier<List<T>> claim;
    private final Consumer<T> release;
    private final int lowWater;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition refilled = lock.newCondition();
    private final ArrayDeque<T> rows = new ArrayDeque<>();
    private boolean refilling;
    /** Refills finished so far: a waiting taker tells by it that the refill it waited for is over. */
    private long refills;
    /** The last claim found nothing due: no refill until the queue is empty (at the tail of a send, not one per row). */
    private boolean exhausted;
    private boolean closed;

    /**
     * @param claim    claims the next rows (empty: nothing due); called by one thread at a time
     * @param release  gives back a claimed row that will not be sent
     * @param lowWater a refill starts when fewer rows than this are left
     */
    SharedClaims(Supplier<List<T>> claim, Consumer<T> release, int lowWater) {
        this.claim = claim;
        this.release = release;
        this.lowWater = lowWater;
    }

    /**
     * The next claimed row, claiming more when the queue runs low; null when nothing is due or after close.
     * {@code beforeWaiting} runs (outside the lock) before this thread claims or waits for another's claim: a sending
     * thread settles the message still waiting for its reply first.
     */
    T take(Runnable beforeWaiting) {
        boolean settled = false;
        boolean refill = false;
        T row = null;
        lock.lock();
        try {
            long waitedFor = -1;
            while (!closed) {
                row = rows.poll();
                if (row != null) {
                    refill = rows.size() < lowWater && !refilling && !exhausted;
                    break;
                }
                if (waitedFor >= 0 && refills != waitedFor && exhausted) return null; // the refill waited for found nothing
                if (!settled) { // it will claim or wait: settle first, without the lock, then look again
                    lock.unlock();
                    try {
                        beforeWaiting.run();
                    } finally {
                        lock.lock();
                    }
                    settled = true;
                    continue;
                }
                if (!refilling) {
                    refill = true;
                    break;
                }
                waitedFor = refills;
                refilled.awaitUninterruptibly();
            }
            if (closed) return null;
            if (refill) refilling = true;
        } finally {
            lock.unlock();
        }
        if (!refill) return row;
        List<T> claimed = List.of();
        boolean open;
        try {
            if (!settled) beforeWaiting.run();
            claimed = claim.get();
        } catch (RuntimeException e) {
            if (row == null) throw e;
            LOG.warn("claiming the next rows failed; the next taker tries again", e);
        } finally {
            open = refilled(claimed); // also when the claim threw: the others must not wait for it forever
        }
        if (row != null) return row; // this thread's row was claimed before: it is sent whatever the refill did
        return claimed.isEmpty() || !open ? null : take(() -> { });
    }

    /** {@link #take(Runnable)} with nothing to do before waiting. */
    T take() {
        return take(() -> { });
    }

    /** Ends a refill: its rows join the queue, or go back if closed meanwhile; returns whether still open. */
    private boolean refilled(List<T> claimed) {
        lock.lock();
        try {
            refilling = false;
            refills++;
            exhausted = claimed.isEmpty();
            if (closed) claimed.forEach(release);
            else rows.addAll(claimed);
            refilled.signalAll();
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** No more rows are handed out; those still queued are released (a refill running releases its own). */
    void close() {
        lock.lock();
        try {
            closed = true;
            for (T row = rows.poll(); row != null; row = rows.poll()) release.accept(row);
            refilled.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
