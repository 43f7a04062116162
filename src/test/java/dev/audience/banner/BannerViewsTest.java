package dev.audience.banner;

import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class BannerViewsTest {
    static final LocalDate DAY = LocalDate.parse("2026-11-29");
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static IndexedBanner banner(String id, int cap) {
        return new IndexedBanner(id, "top", 1, true, new RoaringBitmap(), new RoaringBitmap(), NOW, null, cap, false, null);
    }

    @Test
    void capsCountTodayOnlyAndDismissalsLast() {
        BannerViews views = new BannerViews();
        IndexedBanner capped = banner("a", 2);
        IndexedBanner free = banner("b", 0);
        assertThat(views.blockedFor("u", DAY).test(capped)).isFalse();
        views.recorded("a", "u", BannerAction.IMPRESSION, DAY);
        assertThat(views.blockedFor("u", DAY).test(capped)).isFalse();
        views.recorded("a", "u", BannerAction.IMPRESSION, DAY);
        views.recorded("b", "u", BannerAction.IMPRESSION, DAY);
        views.recorded("b", "u", BannerAction.IMPRESSION, DAY);
        views.recorded("b", "u", BannerAction.CLICK, DAY);
        assertThat(views.blockedFor("u", DAY).test(capped)).isTrue();
        assertThat(views.blockedFor("u", DAY).test(free)).as("no cap").isFalse();
        assertThat(views.blockedFor("v", DAY).test(capped)).as("another user").isFalse();
        assertThat(views.blockedFor("u", DAY.plusDays(1)).test(capped)).as("the next day").isFalse();

        views.recorded("b", "u", BannerAction.DISMISS, DAY);
        assertThat(views.blockedFor("u", DAY.plusDays(30)).test(free)).isTrue();
        assertThat(views.forgetIdle(DAY.plusDays(1))).as("u has a dismissal: kept").isZero();
        views.recorded("a", "w", BannerAction.IMPRESSION, DAY);
        assertThat(views.forgetIdle(DAY.plusDays(1))).as("w only saw something yesterday").isEqualTo(1);
    }

    /** What the server's store kept (SQLite here) is what a starting node loads: dismissals, and today's impressions. */
    @Test
    void loadsDismissalsAndTodaysImpressionsFromTheStore() {
        try (TestServer server = new TestServer(Backend.EMBEDDED)) {
            BannerActivityStore store = server.app.storage().stateStores().bannerActivity();
            store.record("a", "u", BannerAction.IMPRESSION, DAY, NOW);
            store.record("a", "u", BannerAction.IMPRESSION, DAY, NOW);
            store.record("a", "w", BannerAction.IMPRESSION, DAY.minusDays(1), NOW.minusSeconds(86_400));
            store.record("b", "v", BannerAction.DISMISS, DAY.minusDays(3), NOW.minusSeconds(3 * 86_400));
            BannerViews views = new BannerViews();
            views.load(store, DAY);
            assertThat(views.blockedFor("u", DAY).test(banner("a", 2))).as("two impressions today, cap 2").isTrue();
            assertThat(views.blockedFor("w", DAY).test(banner("a", 1))).as("yesterday's impression").isFalse();
            assertThat(views.blockedFor("v", DAY).test(banner("b", 0))).as("dismissed days ago").isTrue();
            assertThat(views.blockedFor("v", DAY).test(banner("a", 2))).isFalse();
        }
    }

    /** A decision's predicate keeps its answer while impressions arrive for the same user. */
    @Test
    void aBlockerTakenOnceDoesNotChangeUnderWrites() throws Exception {
        BannerViews views = new BannerViews();
        IndexedBanner capped = banner("a", 1000);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                go.await();
                for (int i = 0; i < 5000; i++) views.recorded("a", "u", BannerAction.IMPRESSION, DAY);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        go.countDown();
        List<Boolean> flips = new ArrayList<>();
        while (writer.isAlive()) {
            Predicate<IndexedBanner> p = views.blockedFor("u", DAY);
            boolean first = p.test(capped);
            for (int i = 0; i < 50; i++) if (p.test(capped) != first) flips.add(true);
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(flips).isEmpty();
        assertThat(views.blockedFor("u", DAY).test(capped)).as("5000 impressions ≥ cap 1000").isTrue();
    }
}
