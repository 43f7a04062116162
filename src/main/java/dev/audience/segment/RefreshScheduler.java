package dev.audience.segment;

import dev.audience.common.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes segments whose time has come, segments that others use first. Each refresh takes the
 * segment's lease in the state store, so with several nodes a due segment is refreshed by one of them.
 * Tests call {@link #runDue()} after moving their clock; the server also runs it on a timer.
 */
public final class RefreshScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshScheduler.class);

    private final SegmentService segments;
    private final SegmentStore store;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public RefreshScheduler(SegmentService segments, SegmentStore store, Clock clock) {
        this.segments = segments;
        this.store = store;
        this.clock = clock;
    }

    /** Refreshes what is due now; returns the keys refreshed, in the order they ran. */
    public List<String> runDue() {
        List<String> due = store.dueForRefresh(clock.instant());
        List<String> done = new ArrayList<>();
        for (String key : dependencyOrder(due)) {
            try {
                segments.refreshIfDue(key);
                done.add(key);
            } catch (ConflictException e) {
                LOG.debug("segment {} skipped: {}", key, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("scheduled refresh of segment {} failed", key, e);
            }
        }
        return done;
    }

    /** Orders keys so that a segment comes after the due segments it uses (Kahn's algorithm; cycles are refused at save). */
    List<String> dependencyOrder(List<String> due) {
        Set<String> dueSet = new LinkedHashSet<>(due);
        Map<String, Set<String>> uses = new HashMap<>();
        for (String key : due) {
            Set<String> deps = new LinkedHashSet<>();
            store.find(key).flatMap(Definitions::of).ifPresent(c -> deps.addAll(Conditions.segmentKeys(c)));
            deps.retainAll(dueSet);
            uses.put(key, deps);
        }
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        for (String key : due) if (uses.get(key).isEmpty()) ready.add(key);
        while (!ready.isEmpty()) {
            String key = ready.poll();
            order.add(key);
            for (String other : due) {
                if (uses.get(other).remove(key) && uses.get(other).isEmpty()) ready.add(other);
            }
        }
        for (String key : due) if (!order.contains(key)) order.add(key); // defensive: a cycle saved by an older version
        return order;
    }

    public void start(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "segment-refresh");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (RuntimeException e) {
                LOG.warn("segment refresh round failed", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
