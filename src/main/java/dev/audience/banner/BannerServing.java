package dev.audience.banner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Keeps the banner index current and answers from it. The index is rebuilt whole when the set of active
 * banners changes ({@link #rebuild}) or when a segment one of them uses gets a new snapshot
 * ({@link #segmentChanged}, which only asks for a rebuild on the executor, so a segment refresh never
 * waits for it; requests made while one is pending are served by that one). Rebuilds run one at a time,
 * so an older build never replaces a newer one.
 */
public final class BannerServing {
    private static final Logger LOG = LoggerFactory.getLogger(BannerServing.class);
    private final BannerIndex index = new BannerIndex();
    private final Supplier<Collection<BannerTargeting>> activeBanners;
    private final SegmentBitmaps segments;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private final Executor rebuilder;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile List<BannerTargeting> indexed = List.of();

    public BannerServing(Supplier<Collection<BannerTargeting>> activeBanners, SegmentBitmaps segments, Executor rebuilder) {
        this.activeBanners = activeBanners;
        this.segments = segments;
        this.rebuilder = rebuilder;
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

    /**
     * A segment's snapshot changed: rebuild if an indexed banner targets or excludes it, or if a rebuild is
     * running (it may have read the old members for a banner not yet in {@code indexed}). The lock is read
     * before {@code indexed}: a rebuild that starts after that read sees the new snapshot itself.
     */
    public void segmentChanged(String segmentKey) {
        boolean running = rebuilding.isLocked();
        boolean used = indexed.stream().anyMatch(b -> b.segments().contains(segmentKey)
                || b.excludeSegments().contains(segmentKey));
        if (running || used) requestRebuild();
    }

    /**
     * Reads the banners serving should show and rebuilds when they differ from those indexed: how a change
     * made on another node reaches this one. Runs on the caller's thread (the server's banner round); true
     * when it rebuilt.
     */
    public boolean refreshIfChanged() {
        if (List.copyOf(activeBanners.get()).equals(indexed)) return false;
        rebuild();
        return true;
    }

    /** Asks for a rebuild on the executor; one already pending covers this request. */
    public void requestRebuild() {
        if (!pending.compareAndSet(false, true)) return;
        rebuilder.execute(() -> {
            pending.set(false);
            try {
                rebuild();
            } catch (RuntimeException e) {
                LOG.error("rebuilding the banner index failed; the previous index keeps serving", e);
            }
        });
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
