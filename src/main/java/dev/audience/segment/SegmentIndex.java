package dev.audience.segment;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The current snapshot of every segment, in memory: membership checks and set operations never touch storage. */
public final class SegmentIndex {
    private final Map<String, Snapshot> current = new ConcurrentHashMap<>();

    public Optional<Snapshot> current(String key) {
        return Optional.ofNullable(current.get(key));
    }

    /** Keeps the newer of what is there and {@code s}. */
    public void offer(Snapshot s) {
        current.merge(s.segmentKey(), s, (old, neu) -> neu.version() >= old.version() ? neu : old);
    }

    public void remove(String key) {
        current.remove(key);
    }
}
