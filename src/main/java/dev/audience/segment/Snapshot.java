package dev.audience.segment;

import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a segment's membership: a compressed bitmap of profile ordinals, with when it was taken,
 * its size and how many entered and exited since the version before. Never modified once made.
 */
public record Snapshot(String segmentKey, long version, Instant createdAt, long size, long entered, long exited,
                       RoaringBitmap members) {
    public Snapshot {
        Objects.requireNonNull(segmentKey, "segmentKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(members, "members");
    }

    public static Snapshot first(String key, Instant at) {
        return new Snapshot(key, 0, at, 0, 0, 0, new RoaringBitmap());
    }

    /** The next version with these members, entered/exited counted against this one. */
    public Snapshot next(RoaringBitmap newMembers, Instant at) {
        newMembers.runOptimize();
        long entered = RoaringBitmap.andNotCardinality(newMembers, members);
        long exited = RoaringBitmap.andNotCardinality(members, newMembers);
        return new Snapshot(segmentKey, version + 1, at, newMembers.getLongCardinality(), entered, exited, newMembers);
    }

    public SnapshotInfo info() {
        return new SnapshotInfo(version, createdAt, size, entered, exited);
    }
}
