package dev.audience.banner;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WeightedRotationTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static IndexedBanner banner(String id, int weight) {
        return new IndexedBanner(id, "top", weight, true, new RoaringBitmap(), new RoaringBitmap(), NOW.minusSeconds(60), null);
    }

    /** Pearson's chi-square of observed counts against the weights' shares. */
    static double chiSquare(Map<String, Integer> counts, Map<String, Integer> weights, int draws) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        double chi = 0;
        for (var w : weights.entrySet()) {
            double expected = draws * (double) w.getValue() / total;
            double diff = counts.getOrDefault(w.getKey(), 0) - expected;
            chi += diff * diff / expected;
        }
        return chi;
    }

    @Test
    void eachBannerIsShownInProportionToItsWeight() {
        List<IndexedBanner> banners = List.of(banner("a", 10), banner("b", 30), banner("c", 60), banner("d", 1));
        SplittableRandom random = new SplittableRandom(20261129);
        int draws = 200_000;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            String id = WeightedRotation.choose(PlacementBanners.of(banners), 7, NOW, b -> false, random).orElseThrow().id();
            counts.merge(id, 1, Integer::sum);
        }
        // 3 degrees of freedom: 16.27 is the 0.1 % critical value, so a correct rotation fails this 1 time in 1,000
        assertThat(chiSquare(counts, Map.of("a", 10, "b", 30, "c", 60, "d", 1), draws)).isLessThan(16.27);
        assertThat(counts.get("d")).as("weight 1 of 101 still shows").isBetween(1_500, 2_500);
    }

    @Test
    void aBlockedBannerLeavesTheOthersInProportion() {
        List<IndexedBanner> banners = List.of(banner("a", 20), banner("dismissed", 50), banner("b", 60));
        SplittableRandom random = new SplittableRandom(7);
        int draws = 100_000;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            counts.merge(WeightedRotation.choose(PlacementBanners.of(banners), 7, NOW, b -> b.id().equals("dismissed"), random)
                    .orElseThrow().id(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("dismissed");
        // 1 degree of freedom: 10.83 is the 0.1 % critical value
        assertThat(chiSquare(counts, Map.of("a", 20, "b", 60), draws)).isLessThan(10.83);
    }

    /** Past 64 distinct audiences in one placement the bit mask runs out; the rest are looked up directly. */
    @Test
    void aPlacementWithManyDistinctAudiencesStillAnswersPerBanner() {
        List<IndexedBanner> banners = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            RoaringBitmap admitted = i % 2 == 0 ? RoaringBitmap.bitmapOf(7, 100 + i) : RoaringBitmap.bitmapOf(100 + i);
            banners.add(new IndexedBanner("b" + i, "top", 1, false, admitted, new RoaringBitmap(), NOW.minusSeconds(1), null));
        }
        PlacementBanners placement = PlacementBanners.of(banners);
        assertThat(placement.masked()).as("more than 64 banners: no mask").isFalse();
        assertThat(placement.slots()[69]).isEqualTo(69);
        SplittableRandom random = new SplittableRandom(70);
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            shown.add(WeightedRotation.choose(placement, 7, NOW, b -> false, random).orElseThrow().id());
        }
        java.util.Set<String> even = new java.util.HashSet<>();
        for (int i = 0; i < 70; i += 2) even.add("b" + i);
        assertThat(shown).isEqualTo(even);
        assertThat(WeightedRotation.choose(placement, 169, NOW, b -> false, random)).map(IndexedBanner::id).contains("b69");
    }

    @Test
    void noEligibleBannerIsNone() {
        IndexedBanner later = new IndexedBanner("later", "top", 5, true, new RoaringBitmap(), new RoaringBitmap(),
                NOW.plusSeconds(1), null);
        assertThat(WeightedRotation.choose(PlacementBanners.of(List.of(later)), 1, NOW, b -> false, new SplittableRandom(1))).isEmpty();
        assertThat(WeightedRotation.choose(PlacementBanners.of(List.of(banner("a", 5))), 1, NOW, b -> true, new SplittableRandom(1))).isEmpty();
        assertThat(WeightedRotation.choose(PlacementBanners.EMPTY, 1, NOW, b -> false, new SplittableRandom(1))).isEmpty();
    }
}
