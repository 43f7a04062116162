package dev.audience.banner;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AudienceClassesTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /**
     * Random segments and banners (targets, exclusions, Everyone): for every ordinal, the mask a decision reads
     * says exactly what each banner's own bitmap lookup says, in every placement of the shared index.
     */
    @Test
    void theMaskOfAnOrdinalsClassAgreesWithEachBannersBitmaps() {
        Random r = new Random(11);
        Map<String, RoaringBitmap> members = new HashMap<>();
        for (int s = 0; s < 6; s++) {
            RoaringBitmap m = new RoaringBitmap();
            int size = 50 + r.nextInt(2_000);
            for (int i = 0; i < size; i++) m.add(r.nextInt(5_000));
            members.put("s" + s, m);
        }
        BannerIndexTest.FixedSegments segments = new BannerIndexTest.FixedSegments(members);
        List<BannerTargeting> banners = new ArrayList<>();
        String[] placements = {"top", "hero", "sidebar"};
        for (int i = 0; i < 40; i++) {
            List<String> targets = r.nextInt(6) == 0 ? List.of("everyone") : List.of("s" + r.nextInt(6), "s" + r.nextInt(6));
            List<String> excluded = r.nextBoolean() ? List.of() : List.of("s" + r.nextInt(6));
            banners.add(new BannerTargeting("c" + i, placements[i % 3], 1 + r.nextInt(100), targets, excluded,
                    NOW.minusSeconds(60), null));
        }
        BannerIndex index = new BannerIndex();
        index.rebuild(banners, segments);

        for (String p : placements) {
            PlacementBanners placement = index.inPlacement(p);
            assertThat(placement.masked()).as(p).isTrue();
            List<IndexedBanner> list = placement.banners();
            for (int ordinal = -1; ordinal <= 5_010; ordinal++) {
                long expected = 0;
                for (int i = 0; i < list.size(); i++) if (list.get(i).admits(ordinal)) expected |= 1L << i;
                assertThat(placement.admittedFor(ordinal)).as(p + " ordinal " + ordinal).isEqualTo(expected);
            }
        }
    }

    /**
     * Profiles in 17 audiences in every combination make 131,072 classes, more than a char: decisions look the
     * bitmaps up, and still answer per banner.
     */
    @Test
    void tooManyClassesFallBackToBitmapLookups() {
        List<IndexedBanner> banners = new ArrayList<>();
        for (int a = 0; a < 17; a++) {
            RoaringBitmap audience = new RoaringBitmap();
            for (int o = 0; o < 1 << 17; o++) if ((o & (1 << a)) != 0) audience.add(o);
            banners.add(new IndexedBanner("n" + a, "top", 1, false, audience, new RoaringBitmap(), NOW.minusSeconds(1), null));
        }
        assertThat(AudienceClasses.of(banners.subList(0, 16).stream().map(IndexedBanner::admitted).toList()).count())
                .as("16 audiences: 65,536 classes, the most a char holds").isEqualTo(1 << 16);
        assertThat(AudienceClasses.of(banners.stream().map(IndexedBanner::admitted).toList())).isNull();
        PlacementBanners placement = PlacementBanners.of(banners);
        assertThat(placement.masked()).isFalse();

        SplittableRandom random = new SplittableRandom(9);
        for (int ordinal : new int[] {0, 5, 300, 70_001, (1 << 17) - 1}) {
            Set<String> expected = new HashSet<>();
            for (int a = 0; a < 17; a++) if ((ordinal & (1 << a)) != 0) expected.add("n" + a);
            Set<String> shown = new HashSet<>();
            for (int i = 0; i < 1_000; i++) {
                WeightedRotation.choose(placement, ordinal, NOW, b -> false, random).ifPresent(b -> shown.add(b.id()));
            }
            assertThat(shown).as("ordinal " + ordinal).isEqualTo(expected);
        }
    }

    @Test
    void ordinalsBeyondTheLastMemberAndUsersWithoutProfileAreInNoAudience() {
        RoaringBitmap pro = RoaringBitmap.bitmapOf(2, 3);
        RoaringBitmap staff = RoaringBitmap.bitmapOf(3, 7);
        RoaringBitmap samePeople = RoaringBitmap.bitmapOf(2, 3); // moves all of pro's class on: that class ends empty
        AudienceClasses classes = AudienceClasses.of(List.of(pro, staff, pro, samePeople));
        assertThat(classes.count()).as("none, pro only, both, staff only").isEqualTo(4);
        assertThat(classes.holds(classes.of(2), samePeople)).isTrue();
        assertThat(classes.of(-1)).isZero();
        assertThat(classes.of(8)).isZero();
        assertThat(classes.of(Integer.MAX_VALUE)).isZero();
        assertThat(classes.holds(classes.of(3), pro) && classes.holds(classes.of(3), staff)).isTrue();
        assertThat(classes.holds(classes.of(2), staff)).isFalse();
        assertThat(classes.of(2)).isNotEqualTo(classes.of(7));
    }
}
