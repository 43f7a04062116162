package dev.audience.delivery;

import dev.audience.delivery.DeliveryLedger.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes the sending threads' ledger transitions together: whatever is waiting goes in one transaction,
 * and each caller returns only once its own change is committed, so the ledger's promises hold exactly as
 * with one write per change. With ten threads sending, one commit carries up to ten changes instead of
 * ten writers queueing for SQLite's single write lock (measured: the ledger writes were 40 % of the
 * sending threads' time before).
 *
 * <p>A caller that need not wait for its change ({@link #writeAsync}: a row's outcome, once the relay has
 * answered) goes on at once; the writer takes changes in the order they came, so a thread's later
 * {@link #write} (the next row's "sending") commits together with, or after, its earlier outcome. A crash
 * before that commit leaves the row "sending" (or in the handover journal), which becomes unknown, or sent when
 * the journal saw the relay accept it: never sent twice.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_GROUP = 512;

    /** A change and its future (completed once committed); a null transition only marks a point in the queue. */
    private record Pending(Transition transition, CompletableFuture<Boolean> done) {}

    private final DeliveryLedger ledger;
    private final String node;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;
    /** Writers hold it to add; close() takes it to stop adds, so no change is queued after the writer left. */
    private final java.util.concurrent.locks.ReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();

    GroupCommit(DeliveryLedger ledger, String node, Clock clock) {
        this.ledger = ledger;
        this.node = node;
        this.clock = clock;
        this.writer = Thread.ofPlatform().daemon().name("ledger-writer").start(this::run);
    }

    /** Commits the transition (with whatever else is waiting); true when the row was in the expected state. */
    boolean write(Transition t) {
        return writeAsync(t).join();
    }

    /** Queues the transition; the future completes once it is committed (true: the row was in the expected state). */
    CompletableFuture<Boolean> writeAsync(Transition t) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        gate.readLock().lock();
        try {
            if (!open) {
                try {
                    done.complete(ledger.apply(node, List.of(t), clock.instant().truncatedTo(ChronoUnit.MILLIS))[0]);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
                return done;
            }
            queue.add(new Pending(t, done));
        } finally {
            gate.readLock().unlock();
        }
        return done;
    }

    /** Returns once every change queued before this call is committed (or has failed). */
    void flush() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        gate.readLock().lock();
        try {
            if (!open) return;
            queue.add(new Pending(null, done));
        } finally {
            gate.readLock().unlock();
        }
        done.join();
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.take();
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                if (!open && queue.isEmpty()) break;
            } finally {
                group.clear();
            }
        }
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) commit(rest);
    }

    /** One transaction for the group; if it fails, each change alone, so one bad change fails only its caller. */
    private void commit(List<Pending> group) {
        List<Pending> marks = group.stream().filter(p -> p.transition() == null).toList();
        group.removeIf(p -> p.transition() == null);
        group.sort(java.util.Comparator.comparingLong(p -> p.transition().id())); // one lock order for every writer
        try {
            if (!group.isEmpty()) {
                boolean[] results = ledger.apply(node, group.stream().map(Pending::transition).toList(),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
                for (int i = 0; i < group.size(); i++) group.get(i).done().complete(results[i]);
            }
        } catch (Throwable groupFailed) {
            LOG.warn("a ledger commit of {} changes failed; writing them one by one", group.size(), groupFailed);
            for (Pending p : group) {
                try {
                    p.done().complete(ledger.apply(node, List.of(p.transition()), clock.instant().truncatedTo(ChronoUnit.MILLIS))[0]);
                } catch (Throwable e) {
                    p.done().completeExceptionally(e);
                }
            }
        } finally {
            for (Pending m : marks) m.done().complete(true);
        }
    }

    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            open = false;
            // Wakes a writer waiting for work with a mark, not an interrupt: an interrupt can land while the writer
            // is committing the outcomes still queued (written without waiting), and a connection pool's wait then
            // fails them (HikariCP), leaving delivered rows "sending", later unknown.
            queue.add(new Pending(null, new CompletableFuture<>()));
        } finally {
            gate.writeLock().unlock();
        }
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
