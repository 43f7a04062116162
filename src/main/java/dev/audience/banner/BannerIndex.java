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
    private static final RoaringBitmap EMPTY = new RoaringBitmap();
    private volatile Map<String, PlacementBanners> byPlacement = Map.of();

    /**
     * Builds the index for these banners from the segments' current members and swaps it in. Banners with
     * the same target and excluded segments share one audience bitmap.
     */
    public void rebuild(Collection<BannerTargeting> banners, SegmentBitmaps segments) {
        Map<String, RoaringBitmap> members = new HashMap<>();
        Map<List<Object>, RoaringBitmap> audiences = new HashMap<>();
        List<IndexedBanner> built = new ArrayList<>(banners.size());
        for (BannerTargeting b : banners) {
            if (b.excludeSegments().stream().anyMatch(segments::isEveryone)) { // excluding Everyone: nobody
                built.add(new IndexedBanner(b.id(), b.placement(), b.weight(), false, EMPTY, EMPTY, b.startsAt(),
                        b.expiresAt(), b.dailyCap(), b.test(), b.encoded()));
                continue;
            }
            boolean everyone = b.segments().stream().anyMatch(segments::isEveryone);
            RoaringBitmap excluded = audiences.computeIfAbsent(List.of("excluded", b.excludeSegments()),
                    k -> union(b.excludeSegments(), segments, members));
            RoaringBitmap admitted = everyone ? EMPTY : audiences.computeIfAbsent(
                    List.of("admitted", b.segments(), b.excludeSegments()), k -> {
                        RoaringBitmap a = union(b.segments(), segments, members);
                        a.andNot(excluded);
                        a.runOptimize();
                        return a;
                    });
            built.add(new IndexedBanner(b.id(), b.placement(), b.weight(), everyone, admitted,
                    everyone ? excluded : EMPTY, b.startsAt(), b.expiresAt(), b.dailyCap(), b.test(), b.encoded()));
        }
        replace(built);
    }

    /**
     * Publishes these banners as the whole index. All placements share one set of audience classes (one char
     * per profile ordinal, see {@link AudienceClasses}).
     */
    public void replace(Collection<IndexedBanner> banners) {
        Map<String, List<IndexedBanner>> grouped = new HashMap<>();
        for (IndexedBanner b : banners) grouped.computeIfAbsent(b.placement(), k -> new ArrayList<>()).add(b);
        AudienceClasses classes = AudienceClasses.of(banners.stream().map(IndexedBanner::decidingBitmap).toList());
        Map<String, PlacementBanners> next = new HashMap<>();
        grouped.forEach((placement, list) -> next.put(placement, PlacementBanners.of(list, classes)));
        byPlacement = Map.copyOf(next);
    }

    /** The banners in this placement now, eligible or not. */
    public PlacementBanners inPlacement(String placement) {
        return byPlacement.getOrDefault(placement, PlacementBanners.EMPTY);
    }

    /** Every banner in the index, over all placements. */
    public int size() {
        return byPlacement.values().stream().mapToInt(PlacementBanners::size).sum();
    }

    private static RoaringBitmap union(List<String> keys, SegmentBitmaps segments, Map<String, RoaringBitmap> members) {
        RoaringBitmap out = new RoaringBitmap();
        for (String k : keys) {
            if (segments.isEveryone(k)) continue;
            out.or(members.computeIfAbsent(k, segments::members));
        }
        out.runOptimize();
        return out;
    }
}
