package dev.audience.banner;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

/**
 * What each user has done with banners, in memory, so that serving needs no database: the banners they
 * dismissed (for good) and how often they saw each banner today (UTC), for the daily cap. Loaded from the
 * activity store at start, then kept up to date as actions are recorded. A user who has done nothing costs
 * nothing: serving finds no entry and blocks nothing.
 */
public final class BannerViews {
    private static final Predicate<IndexedBanner> NOTHING = b -> false;
    private final Map<String, UserViews> users = new ConcurrentHashMap<>();
    /**
     * One bit per userId hash, set before a user's first view is kept: most users have none, and for them a
     * decision reads one word of this filter instead of walking the map (a bit set by another user's hash only
     * sends the lookup on to the map). Bits are never cleared; forgotten users cost a map lookup, not an answer.
     */
    private final AtomicLongArray mayHaveViews = new AtomicLongArray(FILTER_BITS / 64);
    private static final int FILTER_BITS = 1 << 22;

    /**
     * One user's views. Writes are serialised on the object and publish fresh immutable arrays of banner
     * numbers; a decision reads volatile fields, allocates nothing, scans a few ints (no pointer to follow),
     * and sees one answer per banner however actions race.
     */
    private static final class UserViews {
        private static final int[] NONE = new int[0];
        private volatile Predicate<IndexedBanner> dismissedOnly = NOTHING;
        private volatile Predicate<IndexedBanner> withToday = NOTHING;
        private volatile LocalDate day;
        private int[] dismissed = NONE;
        private int[] seenBanners = NONE;
        private int[] seenTimes = NONE;

        synchronized void dismiss(int banner) {
            if (indexOf(dismissed, banner) >= 0) return;
            dismissed = append(dismissed, banner);
            publish();
        }

        synchronized void seen(int banner, LocalDate today, int times) {
            if (!today.equals(day)) {
                seenBanners = NONE;
                seenTimes = NONE;
            }
            int i = indexOf(seenBanners, banner);
            if (i < 0) {
                seenBanners = append(seenBanners, banner);
                seenTimes = append(seenTimes, times);
            } else {
                int[] next = seenTimes.clone();
                next[i] += times;
                seenTimes = next;
            }
            publish();
            day = today; // after the predicate: a reader that sees this day sees its counts
        }

        private void publish() {
            int[] gone = dismissed;
            int[] banners = seenBanners;
            int[] times = seenTimes;
            dismissedOnly = gone.length == 0 ? NOTHING : b -> indexOf(gone, b.number()) >= 0;
            withToday = b -> {
                int n = b.number();
                if (indexOf(gone, n) >= 0) return true;
                if (b.dailyCap() <= 0) return false;
                int i = indexOf(banners, n);
                return i >= 0 && times[i] >= b.dailyCap();
            };
        }

        Predicate<IndexedBanner> blocker(LocalDate today) {
            Predicate<IndexedBanner> full = withToday; // read before day, which is written after it
            return today.equals(day) ? full : dismissedOnly;
        }

        synchronized boolean idle(LocalDate today) {
            return dismissed.length == 0 && !today.equals(day);
        }

        private static int indexOf(int[] xs, int x) {
            for (int i = 0; i < xs.length; i++) if (xs[i] == x) return i;
            return -1;
        }

        private static int[] append(int[] xs, int x) {
            int[] out = java.util.Arrays.copyOf(xs, xs.length + 1);
            out[xs.length] = x;
            return out;
        }
    }

    /** Fills memory from the store: every dismissal, and today's impressions. */
    public void load(BannerActivityStore store, LocalDate today) {
        for (String[] d : store.dismissals()) user(d[1]).dismiss(BannerNumbers.of(d[0]));
        for (BannerActivityStore.UserImpressions i : store.impressionsOn(today)) {
            user(i.userId()).seen(BannerNumbers.of(i.bannerId()), today, i.impressions());
        }
    }

    public void recorded(String bannerId, String userId, BannerAction action, LocalDate today) {
        switch (action) {
            case IMPRESSION -> user(userId).seen(BannerNumbers.of(bannerId), today, 1);
            case DISMISS -> user(userId).dismiss(BannerNumbers.of(bannerId));
            case CLICK -> { }
        }
    }

    /** Which banners this user may not be shown now: dismissed, or seen as often today as the cap allows. */
    public Predicate<IndexedBanner> blockedFor(String userId, LocalDate today) {
        int bit = filterBit(userId);
        if ((mayHaveViews.get(bit >>> 6) & (1L << bit)) == 0) return NOTHING;
        UserViews v = users.get(userId);
        return v == null ? NOTHING : v.blocker(today);
    }

    /** Forgets users whose only record is an earlier day's impressions; returns how many. */
    public int forgetIdle(LocalDate today) {
        int before = users.size();
        users.values().removeIf(v -> v.idle(today));
        return before - users.size();
    }

    private UserViews user(String userId) {
        int bit = filterBit(userId);
        mayHaveViews.getAndUpdate(bit >>> 6, w -> w | (1L << bit)); // before the views can hold anything
        return users.computeIfAbsent(userId, k -> new UserViews());
    }

    private static int filterBit(String userId) {
        int h = userId.hashCode();
        return (h ^ (h >>> 16)) & (FILTER_BITS - 1);
    }
}
