package dev.audience.banner;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class BannerIndexTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /** Segments as fixed bitmaps; "everyone" is Everyone. Counts how often members are asked for. */
    static final class FixedSegments implements SegmentBitmaps {
        final Map<String, RoaringBitmap> members;
        int asked;

        FixedSegments(Map<String, RoaringBitmap> members) {
            this.members = members;
        }

        @Override
        public boolean isEveryone(String key) {
            return key.equals("everyone");
        }

        @Override
        public RoaringBitmap members(String key) {
            asked++;
            return members.getOrDefault(key, new RoaringBitmap()).clone();
        }
    }

    static BannerTargeting banner(String id, String placement, List<String> segments, List<String> excluded,
                                  Instant expiresAt) {
        return new BannerTargeting(id, placement, 10, segments, excluded, NOW.minusSeconds(3600), expiresAt);
    }

    @Test
    void eligibilityFollowsTargetsExclusionsEveryoneAndTheTimeWindow() {
        FixedSegments segments = new FixedSegments(Map.of(
                "pro", RoaringBitmap.bitmapOf(1, 2, 3),
                "trial", RoaringBitmap.bitmapOf(4),
                "staff", RoaringBitmap.bitmapOf(2, 9)));
        BannerIndex index = new BannerIndex();
        index.rebuild(List.of(
                banner("upgrade", "top", List.of("pro", "trial"), List.of("staff"), null),
                banner("all", "top", List.of("everyone"), List.of("staff"), NOW.plusSeconds(60)),
                banner("side", "sidebar", List.of("pro"), List.of(), null)), segments);

        assertThat(index.size()).isEqualTo(3);
        assertThat(segments.asked).as("each segment's members are read once per build").isEqualTo(3);
        IndexedBanner upgrade = byId(index.inPlacement("top").banners(), "upgrade");
        IndexedBanner all = byId(index.inPlacement("top").banners(), "all");
        assertThat(upgrade.eligible(1, NOW)).isTrue();
        assertThat(upgrade.eligible(4, NOW)).isTrue();
        assertThat(upgrade.eligible(2, NOW)).as("in a target and excluded: excluded wins").isFalse();
        assertThat(upgrade.eligible(5, NOW)).isFalse();
        assertThat(upgrade.eligible(-1, NOW)).as("no profile, targets named").isFalse();
        assertThat(all.eligible(5, NOW)).isTrue();
        assertThat(all.eligible(-1, NOW)).as("Everyone includes users with no profile yet").isTrue();
        assertThat(all.eligible(9, NOW)).isFalse();
        assertThat(all.eligible(5, NOW.plusSeconds(59))).isTrue();
        assertThat(all.eligible(5, NOW.plusSeconds(60))).as("expired at its expiry instant").isFalse();
        assertThat(upgrade.eligible(1, NOW.minusSeconds(3601))).as("not before its start").isFalse();
        assertThat(index.inPlacement("hero").banners()).isEmpty();
        assertThat(index.inPlacement("sidebar").banners()).extracting(IndexedBanner::id).containsExactly("side");
    }

    /** Banners with the same segments share one bitmap, and a decision looks it up once; answers stay per banner. */
    @Test
    void sharedAudiencesGiveTheSameAnswersAsEachBannerAlone() {
        FixedSegments segments = new FixedSegments(Map.of(
                "pro", RoaringBitmap.bitmapOf(1, 2, 3, 5),
                "trial", RoaringBitmap.bitmapOf(4, 5),
                "staff", RoaringBitmap.bitmapOf(3)));
        BannerIndex index = new BannerIndex();
        index.rebuild(List.of(
                banner("pro-1", "top", List.of("pro"), List.of(), null),
                banner("pro-2", "top", List.of("pro"), List.of(), null),
                banner("pro-no-staff", "top", List.of("pro"), List.of("staff"), null),
                banner("everyone-no-staff", "top", List.of("everyone"), List.of("staff"), null),
                banner("trial", "top", List.of("trial"), List.of(), NOW.minusSeconds(1))), segments);
        List<IndexedBanner> top = index.inPlacement("top").banners();
        assertThat(byId(top, "pro-1").admitted()).isSameAs(byId(top, "pro-2").admitted());

        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int ordinal = -1; ordinal <= 6; ordinal++) {
            int o = ordinal;
            Set<String> expected = top.stream().filter(b -> b.eligible(o, NOW)).map(IndexedBanner::id).collect(Collectors.toSet());
            Set<String> shown = new java.util.HashSet<>();
            for (int i = 0; i < 300; i++) {
                WeightedRotation.choose(index.inPlacement("top"), o, NOW, b -> false, random).ifPresent(b -> shown.add(b.id()));
            }
            assertThat(shown).as("ordinal " + o).isEqualTo(expected);
        }
        assertThat(byId(top, "pro-no-staff").eligible(3, NOW)).isFalse();
        assertThat(byId(top, "pro-1").eligible(3, NOW)).isTrue();
        assertThat(byId(top, "trial").eligible(4, NOW)).as("expired").isFalse();

        index.rebuild(List.of(banner("nobody", "top", List.of("everyone"), List.of("everyone"), null)), segments);
        IndexedBanner nobody = index.inPlacement("top").banners().get(0);
        assertThat(nobody.eligible(1, NOW) || nobody.eligible(-1, NOW)).as("excluding Everyone leaves no one").isFalse();
    }

    @Test
    void aBadWeightIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IndexedBanner("x", "top", 0, true,
                new RoaringBitmap(), new RoaringBitmap(), NOW, null)).hasMessageContaining("weight");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IndexedBanner("x", "top", 101, true,
                new RoaringBitmap(), new RoaringBitmap(), NOW, null)).hasMessageContaining("weight");
    }

    /**
     * Readers racing a writer that swaps between two whole indexes never see a mix of the two: every read of
     * a placement is all of one generation.
     */
    @Test
    void readersSeeOneWholeIndexWhileItIsSwapped() throws Exception {
        List<IndexedBanner> genA = generation("a");
        List<IndexedBanner> genB = generation("b");
        BannerIndex index = new BannerIndex();
        index.replace(genA);

        int readers = 3;
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(readers); // each reader has read once before the swaps begin
        ConcurrentLinkedQueue<String> mixed = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        long[] reads = new long[readers];
        for (int r = 0; r < readers; r++) {
            int me = r;
            threads.add(Thread.ofPlatform().start(() -> {
                do {
                    for (String placement : List.of("top", "hero")) {
                        Set<Character> gens = index.inPlacement(placement).banners().stream()
                                .map(b -> b.id().charAt(0)).collect(Collectors.toSet());
                        if (gens.size() != 1 || index.inPlacement(placement).banners().isEmpty()) mixed.add(placement + gens);
                        reads[me]++;
                    }
                    if (reads[me] == 2) started.countDown();
                } while (writing.get());
            }));
        }
        started.await();
        for (int i = 0; i < 20_000; i++) index.replace(i % 2 == 0 ? genB : genA);
        writing.set(false);
        for (Thread t : threads) t.join();

        assertThat(mixed).isEmpty();
        for (long n : reads) assertThat(n).isPositive();
    }

    private static List<IndexedBanner> generation(String prefix) {
        List<IndexedBanner> out = new ArrayList<>();
        for (String placement : List.of("top", "hero")) {
            for (int i = 0; i < 5; i++) {
                out.add(new IndexedBanner(prefix + "-" + placement + "-" + i, placement, 1 + i, true, new RoaringBitmap(),
                        new RoaringBitmap(), NOW, null));
            }
        }
        return out;
    }

    private static IndexedBanner byId(List<IndexedBanner> banners, String id) {
        return banners.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }
}
