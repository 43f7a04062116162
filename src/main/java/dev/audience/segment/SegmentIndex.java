package dev.audience.segment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The current snapshot of every segment, in memory: membership checks and set operations never touch storage. */
public final class SegmentIndex {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentIndex.class);
    private final Map<String, Snapshot> current = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with a segment's key after its current snapshot changed or it was removed (on
     * the thread that made the change), so indexes built from snapshots (banners) can rebuild.
     */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    public Optional<Snapshot> current(String key) {
        return Optional.ofNullable(current.get(key));
    }

    /** Keeps the newer of what is there and {@code s}. */
    public void offer(Snapshot s) {
        boolean[] newer = {false};
        current.compute(s.segmentKey(), (k, old) -> {
            if (old == null || s.version() > old.version()) newer[0] = true;
            return old == null || s.version() >= old.version() ? s : old;
        });
        if (newer[0]) changed(s.segmentKey());
    }

    /** The keys that have a snapshot in memory. */
    public java.util.Set<String> keys() {
        return java.util.Set.copyOf(current.keySet());
    }

    public void remove(String key) {
        if (current.remove(key) != null) changed(key);
    }

    /** A listener's failure is logged and goes no further: the snapshot is already saved and current. */
    private void changed(String key) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(key);
            } catch (RuntimeException e) {
                LOG.error("a listener failed on the change of segment {}", key, e);
            }
        }
    }
}
