package dev.audience.segment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The current snapshot of every segment, in memory: membership checks and set operations never touch storage. */
public final class SegmentIndex {
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
        Snapshot now = current.merge(s.segmentKey(), s, (old, neu) -> neu.version() >= old.version() ? neu : old);
        if (now == s) changed(s.segmentKey());
    }

    public void remove(String key) {
        if (current.remove(key) != null) changed(key);
    }

    private void changed(String key) {
        for (Consumer<String> l : listeners) l.accept(key);
    }
}
