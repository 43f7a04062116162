package dev.audience.experiment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.audience.common.Text;
import dev.audience.event.EventProperties;
import dev.audience.event.EventQueue;
import dev.audience.event.IncomingEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records the first assignment of a user in an experiment each day (UTC) as an {@code experiment_exposure}
 * event, off the request path: assignments queue it, a background flush stores it. The event's messageId
 * ({@code exposure:<experiment>:<user>:<day>}) makes the event store keep one per day across restarts and
 * nodes; the in-memory cache only saves sending the same one again.
 */
public final class ExposureRecorder implements AutoCloseable {
    public static final String EVENT = "experiment_exposure";

    private final Clock clock;
    private final Cache<String, Boolean> sent = Caffeine.newBuilder().maximumSize(2_000_000)
            .expireAfterWrite(Duration.ofHours(25)).build();
    private final EventQueue queue;

    public ExposureRecorder(Consumer<List<IncomingEvent>> sink, Clock clock) {
        this.queue = new EventQueue("exposure", sink);
        this.clock = clock;
    }

    public void exposed(String experiment, String userId, String variant) {
        Instant now = clock.instant();
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        String id = "exposure:" + experiment + ":" + userId + ":" + day;
        if (sent.asMap().putIfAbsent(id, Boolean.TRUE) != null) return;
        String json = "{\"experiment\":" + Text.jsonString(experiment) + ",\"variant\":" + Text.jsonString(variant) + "}";
        queue.add(new IncomingEvent(userId, EVENT, now, new EventProperties(json, List.of("experiment", "variant")), id));
    }

    /** Stores what is queued; the server calls it every second, tests call it directly. */
    public int flush() {
        return queue.flush(this::forget);
    }

    /** A batch that could not be stored: its ids are forgotten so the next assignment queues them again. */
    private void forget(List<IncomingEvent> batch) {
        batch.forEach(ev -> sent.invalidate(ev.messageId()));
    }

    public void start() {
        queue.start(this::forget);
    }

    @Override
    public void close() {
        queue.close();
    }
}
