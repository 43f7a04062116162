package dev.audience.app;

import dev.audience.banner.BannerServing;
import dev.audience.banner.BannerTargeting;
import dev.audience.banner.IndexedBanner;
import dev.audience.segment.SegmentIndex;
import dev.audience.segment.Snapshot;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The banner index follows the segments' snapshots: a new snapshot of a used segment rebuilds it. */
class BannerServingTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void aNewSnapshotOfAUsedSegmentRebuildsTheIndexAndOthersDoNot() {
        SegmentIndex segments = new SegmentIndex();
        segments.offer(Snapshot.first("pro", NOW).next(RoaringBitmap.bitmapOf(1, 2), NOW));
        segments.offer(Snapshot.first("staff", NOW).next(RoaringBitmap.bitmapOf(2), NOW));
        AtomicInteger reads = new AtomicInteger();
        List<BannerTargeting> active = List.of(
                new BannerTargeting("upgrade", "top", 10, List.of("pro"), List.of("staff"), NOW.minusSeconds(60), null),
                new BannerTargeting("hello", "hero", 10, List.of("everyone"), List.of(), NOW.minusSeconds(60), null));
        BannerServing serving = new BannerServing(() -> {
            reads.incrementAndGet();
            return active;
        }, new SnapshotBitmaps(segments), Runnable::run);
        segments.onChange(serving::segmentChanged);
        serving.rebuild();
        assertThat(reads).hasValue(1);

        assertThat(shown(serving, "top", 1)).contains("upgrade");
        assertThat(shown(serving, "top", 2)).as("excluded").isEmpty();
        assertThat(shown(serving, "top", 3)).isEmpty();
        assertThat(shown(serving, "hero", -1)).as("Everyone, no profile yet").contains("hello");

        segments.offer(segments.current("pro").orElseThrow().next(RoaringBitmap.bitmapOf(1, 2, 3), NOW));
        assertThat(reads).as("pro is used: rebuilt").hasValue(2);
        assertThat(shown(serving, "top", 3)).contains("upgrade");

        segments.offer(segments.current("staff").orElseThrow().next(RoaringBitmap.bitmapOf(2, 3), NOW));
        assertThat(shown(serving, "top", 3)).as("now excluded").isEmpty();

        segments.offer(Snapshot.first("unrelated", NOW).next(RoaringBitmap.bitmapOf(3), NOW));
        assertThat(reads).as("a segment no banner uses does not rebuild").hasValue(3);

        segments.offer(segments.current("pro").orElseThrow());
        assertThat(reads).as("the same version again is no change").hasValue(3);

        segments.remove("pro");
        assertThat(shown(serving, "top", 1)).as("a removed segment has no members").isEmpty();
    }

    @Test
    void aFailingRebuildLeavesTheSnapshotCurrentAndTheOldIndexServing() {
        SegmentIndex segments = new SegmentIndex();
        segments.offer(Snapshot.first("pro", NOW).next(RoaringBitmap.bitmapOf(1), NOW));
        AtomicInteger calls = new AtomicInteger();
        BannerServing serving = new BannerServing(() -> {
            if (calls.incrementAndGet() > 1) throw new IllegalStateException("database went away");
            return List.of(new BannerTargeting("upgrade", "top", 10, List.of("pro"), List.of(), NOW.minusSeconds(60), null));
        }, new SnapshotBitmaps(segments), Runnable::run);
        serving.rebuild();
        List<String> later = new java.util.ArrayList<>();
        segments.onChange(serving::segmentChanged);
        segments.onChange(later::add);

        segments.offer(segments.current("pro").orElseThrow().next(RoaringBitmap.bitmapOf(1, 2), NOW));
        assertThat(segments.current("pro").orElseThrow().members().contains(2)).isTrue();
        assertThat(later).as("listeners after the failing one still hear of it").containsExactly("pro");
        assertThat(shown(serving, "top", 1)).as("the old index keeps serving").contains("upgrade");
        assertThat(shown(serving, "top", 2)).isEmpty();
    }

    private static Optional<String> shown(BannerServing serving, String placement, int ordinal) {
        return serving.choose(placement, ordinal, NOW, b -> false, new SplittableRandom(1)).map(IndexedBanner::id);
    }
}
