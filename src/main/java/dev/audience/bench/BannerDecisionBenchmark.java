package dev.audience.bench;

import dev.audience.banner.BannerAction;
import dev.audience.banner.BannerIndex;
import dev.audience.banner.BannerViews;
import dev.audience.banner.BannerTargeting;
import dev.audience.banner.IndexedBanner;
import dev.audience.banner.PlacementBanners;
import dev.audience.banner.SegmentBitmaps;
import dev.audience.banner.WeightedRotation;
import dev.audience.profile.OrdinalCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * JMH: one banner decision for a random user in one of 3 placements holding 50 active banners, whose target
 * segments have up to 1,000,000 members of 2,000,000 profiles: userId → ordinal (the OrdinalCache the
 * user directory keeps), the placement's banners from the BannerIndex, eligibility (the ordinal's audience
 * class, worked out from the segments' bitmaps when the index is built) and window,
 * the user's caps and dismissals (BannerViews: one in ten users has seen a banner today, one in twenty has
 * dismissed one; every fourth banner has a daily cap), and the weighted draw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseTransparentHugePages"})
public class BannerDecisionBenchmark {
    private static final String[] PLACEMENTS = {"top", "hero", "sidebar"};

    @Param("2000000")
    public int profiles;

    private BannerIndex index;
    private OrdinalCache ordinals;
    private String[] users;
    private SplittableRandom random;
    private Instant now;
    private int next;
    private BannerViews views;
    private LocalDate today;

    @Setup
    public void setUp() {
        Random r = new Random(29);
        List<RoaringBitmap> segments = new ArrayList<>();
        for (int size : new int[] {1_000_000, 500_000, 200_000, 50_000, 10_000}) {
            RoaringBitmap s = new RoaringBitmap();
            while (s.getCardinality() < size) s.add(1 + r.nextInt(profiles));
            s.runOptimize();
            segments.add(s);
        }
        now = Instant.parse("2026-11-29T12:00:00Z");
        List<BannerTargeting> banners = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            List<String> targets = List.of("s" + (i % 5));
            List<String> excluded = i % 7 == 0 ? List.of("s4") : List.of();
            banners.add(new BannerTargeting("b" + i, PLACEMENTS[i % 3], 1 + r.nextInt(100), targets, excluded,
                    now.minusSeconds(3600), i % 2 == 0 ? now.plusSeconds(86_400) : null, i % 4 == 0 ? 3 : 0, false, null));
        }
        index = new BannerIndex();
        index.rebuild(banners, new SegmentBitmaps() {
            @Override
            public boolean isEveryone(String key) {
                return false;
            }

            @Override
            public RoaringBitmap members(String key) {
                return segments.get(Integer.parseInt(key.substring(1))).clone();
            }
        });
        ordinals = new OrdinalCache(2 * profiles);
        users = BenchUsers.shuffled(profiles, ordinals, r);
        random = new SplittableRandom(5);
        today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        views = new BannerViews();
        for (int i = 0; i < users.length; i++) {
            if (i % 10 == 0) views.recorded("b" + (i % 50), users[i], BannerAction.IMPRESSION, today);
            if (i % 20 == 0) views.recorded("b" + (i % 49), users[i], BannerAction.DISMISS, today);
        }
    }

    @Benchmark
    public Optional<IndexedBanner> decide() {
        String user = users[next];
        next = next + 1 == users.length ? 0 : next + 1;
        Integer ordinal = ordinals.get(user);
        PlacementBanners candidates = index.inPlacement(PLACEMENTS[next % 3]);
        return WeightedRotation.choose(candidates, ordinal == null ? -1 : ordinal, now, views.blockedFor(user, today), random);
    }
}
