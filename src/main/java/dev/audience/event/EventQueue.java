package dev.audience.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Events that the server records by itself (exposures, banner actions), stored off the request path: callers
 * queue them, a background flush stores them every second in batches, and closing flushes what is left.
 */
public final class EventQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);
    private static final int BATCH = 10_000;

    private final String name;
    private final Consumer<List<IncomingEvent>> sink;
    private final Queue<IncomingEvent> pending = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService timer;

    /** {@code sink} stores one batch; {@code name} names the flush thread and the log lines. */
    public EventQueue(String name, Consumer<List<IncomingEvent>> sink) {
        this.name = name;
        this.sink = sink;
    }

    public void add(IncomingEvent e) {
        pending.add(e);
    }

    /**
     * Stores what is queued; the server calls it every second, tests call it directly. A batch the sink
     * refuses is handed to {@code failed} and the error rethrown.
     */
    public int flush(Consumer<List<IncomingEvent>> failed) {
        List<IncomingEvent> batch = new ArrayList<>();
        int stored = 0;
        for (IncomingEvent e = pending.poll(); e != null; e = pending.poll()) {
            batch.add(e);
            if (batch.size() == BATCH) {
                stored += store(batch, failed);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) stored += store(batch, failed);
        return stored;
    }

    public int flush() {
        return flush(b -> { });
    }

    private int store(List<IncomingEvent> batch, Consumer<List<IncomingEvent>> failed) {
        try {
            sink.accept(batch);
            return batch.size();
        } catch (RuntimeException e) {
            failed.accept(batch);
            throw e;
        }
    }

    /** Flushes every second, with {@code failed} told of batches that could not be stored. */
    public void start(Consumer<List<IncomingEvent>> failed) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-flush");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                flush(failed);
            } catch (RuntimeException e) {
                LOG.warn("storing {} events failed; they are lost for this round", name, e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }
}
