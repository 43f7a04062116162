package dev.audience.banner;

import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The active banners per placement, in memory, with their audiences as bitmaps: serving reads no
 * database. A rebuild makes a whole new map and publishes it with one volatile write, so a reader sees
 * either the old index or the new one, never a mix.
 */
public final class BannerIndex {
    private volatile Map<String, List<IndexedBanner>> byPlacement = Map.of();

    /** Builds the index for these banners from the segments' current members and swaps it in. */
    public void rebuild(Collection<BannerTargeting> banners, SegmentBitmaps segments) {
        Map<String, RoaringBitmap> memo = new HashMap<>();
        List<IndexedBanner> built = new ArrayList<>(banners.size());
        for (BannerTargeting b : banners) {
            boolean everyone = b.segments().stream().anyMatch(segments::isEveryone);
            RoaringBitmap targets = everyone ? new RoaringBitmap() : union(b.segments(), segments, memo);
            RoaringBitmap excluded = union(b.excludeSegments(), segments, memo);
            built.add(new IndexedBanner(b.id(), b.placement(), b.weight(), everyone, targets, excluded,
                    b.startsAt(), b.expiresAt()));
        }
        replace(built);
    }

    /** Publishes these banners as the whole index. */
    public void replace(Collection<IndexedBanner> banners) {
        Map<String, List<IndexedBanner>> next = new HashMap<>();
        for (IndexedBanner b : banners) next.computeIfAbsent(b.placement(), k -> new ArrayList<>()).add(b);
        next.replaceAll((k, v) -> List.copyOf(v));
        byPlacement = Map.copyOf(next);
    }

    /** The banners in this placement now, eligible or not (an immutable list). */
    public List<IndexedBanner> inPlacement(String placement) {
        return byPlacement.getOrDefault(placement, List.of());
    }

    /** Every banner in the index, over all placements. */
    public int size() {
        return byPlacement.values().stream().mapToInt(List::size).sum();
    }

    private static RoaringBitmap union(List<String> keys, SegmentBitmaps segments, Map<String, RoaringBitmap> memo) {
        RoaringBitmap out = new RoaringBitmap();
        for (String k : keys) {
            if (segments.isEveryone(k)) continue;
            out.or(memo.computeIfAbsent(k, segments::members));
        }
        out.runOptimize();
        return out;
    }
}
