package dev.audience.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The background threads of a sending worker: each runs rounds (claim and send one batch) while there is
 * work, and when a round finds none it waits for a {@link #wake} or {@code idleMillis}, whichever comes first.
 */
final class SendingThreads {
    private static final Logger LOG = LoggerFactory.getLogger(SendingThreads.class);

    private final String name;
    private final Semaphore work = new Semaphore(0);
    private final java.util.concurrent.locks.ReentrantLock idleLock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.Condition wentIdle = idleLock.newCondition();
    private long idleRounds;
    private volatile boolean running;
    private int count;
    private ExecutorService threads;

    SendingThreads(String name) {
        this.name = name;
    }

    /** Starts {@code count} threads running {@code round} (which returns how many rows it handled). */
    void start(int count, long idleMillis, IntSupplier round) {
        running = true;
        this.count = count;
        threads = Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < count; i++) {
            threads.submit(() -> {
                while (running) {
                    try {
                        if (round.getAsInt() == 0) {
                            signalIdle();
                            work.tryAcquire(idleMillis, TimeUnit.MILLISECONDS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        LOG.warn("{} round failed", name, e);
                    }
                }
            });
        }
    }

    private void signalIdle() {
        idleLock.lock();
        try {
            idleRounds++;
            wentIdle.signalAll();
        } finally {
            idleLock.unlock();
        }
    }

    /**
     * Waits until a thread finds nothing due (a round handled no row) after this call, or {@code millis}
     * pass; for benchmarks and tools that wait for a send to drain.
     */
    void awaitIdle(long millis) throws InterruptedException {
        idleLock.lock();
        try {
            long seen = idleRounds;
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (idleRounds == seen && left > 0) left = wentIdle.awaitNanos(left);
        } finally {
            idleLock.unlock();
        }
    }

    /** New rows were written: idle threads look now. */
    void wake() {
        work.release(Math.max(1, count));
    }

    /** No new rounds; the rounds running finish (up to 30 s each wait). */
    void stop() {
        running = false;
        if (threads == null) return;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
                threads.awaitTermination(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
