package dev.audience.experiment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.audience.common.Text;
import dev.audience.event.EventProperties;
import dev.audience.event.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records the first assignment of a user in an experiment each day (UTC) as an {@code experiment_exposure}
 * event, off the request path: assignments queue it, a background flush stores it. The event's messageId
 * ({@code exposure:<experiment>:<user>:<day>}) makes the event store keep one per day across restarts and
 * nodes; the in-memory cache only saves sending the same one again.
 */
public final class ExposureRecorder implements AutoCloseable {
    public static final String EVENT = "experiment_exposure";
    private static final Logger LOG = LoggerFactory.getLogger(ExposureRecorder.class);

    private final Consumer<List<IncomingEvent>> sink;
    private final Clock clock;
    private final Cache<String, Boolean> sent = Caffeine.newBuilder().maximumSize(2_000_000)
            .expireAfterWrite(Duration.ofHours(25)).build();
    private final Queue<IncomingEvent> pending = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService timer;

    public ExposureRecorder(Consumer<List<IncomingEvent>> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    public void exposed(String experiment, String userId, String variant) {
        Instant now = clock.instant();
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        String id = "exposure:" + experiment + ":" + userId + ":" + day;
        if (sent.asMap().putIfAbsent(id, Boolean.TRUE) != null) return;
        String json = "{\"experiment\":" + Text.jsonString(experiment) + ",\"variant\":" + Text.jsonString(variant) + "}";
        pending.add(new IncomingEvent(userId, EVENT, now, new EventProperties(json, List.of("experiment", "variant")), id));
    }

    /** Stores what is queued; the server calls it every second, tests call it directly. */
    public int flush() {
        List<IncomingEvent> batch = new ArrayList<>();
        int stored = 0;
        for (IncomingEvent e = pending.poll(); e != null; e = pending.poll()) {
            batch.add(e);
            if (batch.size() == 10_000) {
                stored += store(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) stored += store(batch);
        return stored;
    }

    /** Stores a batch; when that fails, its ids are forgotten so the next assignment queues them again. */
    private int store(List<IncomingEvent> batch) {
        try {
            sink.accept(batch);
            return batch.size();
        } catch (RuntimeException e) {
            batch.forEach(ev -> sent.invalidate(ev.messageId()));
            throw e;
        }
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "exposure-flush");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.warn("storing experiment exposures failed; they are lost for this round", e);
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
