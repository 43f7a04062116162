package dev.audience.segment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where segments and their snapshots live (the state store: SQLite embedded, PostgreSQL in a cluster). */
public interface SegmentStore {
    /** False when the key is taken. */
    boolean insert(Segment s);

    void update(Segment s);

    /** Writes only the refresh state: status, error, updated_at and next refresh time. */
    void updateState(Segment s);

    Optional<Segment> find(String key);

    List<Segment> list();

    /** Removes the segment and all its snapshots. */
    void delete(String key);

    /**
     * Stores a new version; false when that version exists already (another writer came first).
     * Versions older than the newest {@code keep} are dropped.
     */
    boolean saveSnapshot(Snapshot s, int keep);

    Optional<Snapshot> latestSnapshot(String key);

    List<SnapshotInfo> history(String key, int limit);

    /** Takes the segment's refresh lease until {@code until} when no one holds it; false when someone does. */
    boolean tryLease(String key, String owner, Instant until, Instant now);

    void releaseLease(String key, String owner);

    /** Keys of segments whose next refresh time has come. */
    List<String> dueForRefresh(Instant now);

    /** Each segment's newest snapshot version (segments without one are absent). */
    java.util.Map<String, Long> latestVersions();
}
