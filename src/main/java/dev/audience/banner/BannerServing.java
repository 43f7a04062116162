package dev.audience.banner;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Keeps the banner index current and answers from it. The index is rebuilt whole when the set of active
 * banners changes ({@link #rebuild}) or when a segment one of them uses gets a new snapshot
 * ({@link #segmentChanged}); rebuilds run one at a time, so an older build never replaces a newer one.
 */
public final class BannerServing {
    private final BannerIndex index = new BannerIndex();
    private final Supplier<Collection<BannerTargeting>> activeBanners;
    private final SegmentBitmaps segments;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile List<BannerTargeting> indexed = List.of();

    public BannerServing(Supplier<Collection<BannerTargeting>> activeBanners, SegmentBitmaps segments) {
        this.activeBanners = activeBanners;
        this.segments = segments;
    }

    /** Reads the active banners and the segments' current members, and swaps in a new index. */
    public void rebuild() {
        rebuilding.lock();
        try {
            List<BannerTargeting> banners = List.copyOf(activeBanners.get());
            index.rebuild(banners, segments);
            indexed = banners;
        } finally {
            rebuilding.unlock();
        }
    }

    /** A segment's snapshot changed: rebuild if an indexed banner targets or excludes it. */
    public void segmentChanged(String segmentKey) {
        boolean used = indexed.stream().anyMatch(b -> b.segments().contains(segmentKey)
                || b.excludeSegments().contains(segmentKey));
        if (used) rebuild();
    }

    /** The banner to show this user (profile ordinal, -1 = none) in this placement now, if any. */
    public Optional<IndexedBanner> choose(String placement, int ordinal, Instant now, Predicate<IndexedBanner> blocked,
                                          RandomGenerator random) {
        return WeightedRotation.choose(index.inPlacement(placement), ordinal, now, blocked, random);
    }

    /** Banners in the index now, over all placements. */
    public int size() {
        return index.size();
    }
}
