package dev.audience.app;

import dev.audience.banner.SegmentBitmaps;
import dev.audience.segment.Segment;
import dev.audience.segment.SegmentIndex;
import dev.audience.segment.Snapshot;
import org.roaringbitmap.RoaringBitmap;

/** Segment members for the banner index, from the segments' current snapshots in memory. */
final class SnapshotBitmaps implements SegmentBitmaps {
    private final SegmentIndex index;

    SnapshotBitmaps(SegmentIndex index) {
        this.index = index;
    }

    @Override
    public boolean isEveryone(String segmentKey) {
        return Segment.EVERYONE.equals(segmentKey);
    }

    @Override
    public RoaringBitmap members(String segmentKey) {
        return index.current(segmentKey).map(Snapshot::members).map(RoaringBitmap::clone).orElseGet(RoaringBitmap::new);
    }
}
