package dev.audience.banner;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What each user has done with banners, in memory, so that serving needs no database: the banners they
 * dismissed (for good) and how often they saw each banner today (UTC), for the daily cap. Loaded from the
 * activity store at start, then kept up to date as actions are recorded. A user who has done nothing costs
 * nothing: serving finds no entry and blocks nothing.
 */
public final class BannerViews {
    private static final Predicate<IndexedBanner> NOTHING = b -> false;
    private static final int NO_DAY = Integer.MIN_VALUE;
    private static final int[] NONE = {NO_DAY, 0};
    private final ViewsByUser users = new ViewsByUser();
    /**
     * One bit per userId hash, set before a user's first view is kept: most users have none, and for them a
     * decision reads one word of this filter instead of looking in the table (a bit set by another user's hash
     * only sends the lookup on to the table). Bits are never cleared; forgotten users cost a lookup, not an answer.
     */
    private final AtomicLongArray mayHaveViews = new AtomicLongArray(FILTER_BITS / 64);
    private static final int FILTER_BITS = 1 << 22;

    /*
     * One user's views are one immutable int array, so that a decision follows one reference from the table:
     * {@code [day, d, g1..gd, b1, t1, b2, t2, ...]}: the UTC day the counts are for (epoch day, NO_DAY for
     * none), d banner numbers dismissed, then pairs of a banner number and the times it was seen on that day.
     * A change makes a new array; the table's lock serialises the writers of one user.
     */

    private static int[] dismiss(int[] v, int banner) {
        if (dismissed(v, banner)) return v;
        int d = v[1];
        int[] next = new int[v.length + 1];
        System.arraycopy(v, 0, next, 0, d + 2);
        next[1] = d + 1;
        next[d + 2] = banner;
        System.arraycopy(v, d + 2, next, d + 3, v.length - d - 2);
        return next;
    }

    private static int[] seen(int[] v, int banner, int today, int times) {
        int[] base = v[0] == today ? v : Arrays.copyOf(v, v[1] + 2); // a new day: no counts
        for (int i = base[1] + 2; i < base.length; i += 2) {
            if (base[i] == banner) {
                int[] next = base.clone();
                next[0] = today;
                next[i + 1] += times;
                return next;
            }
        }
        int[] next = Arrays.copyOf(base, base.length + 2);
        next[0] = today;
        next[base.length] = banner;
        next[base.length + 1] = times;
        return next;
    }

    private static boolean dismissed(int[] v, int banner) {
        for (int i = 2, end = v[1] + 2; i < end; i++) if (v[i] == banner) return true;
        return false;
    }

    private static boolean blocks(int[] v, IndexedBanner b, int today) {
        int n = b.number();
        if (dismissed(v, n)) return true;
        int cap = b.dailyCap();
        if (cap <= 0 || v[0] != today) return false;
        for (int i = v[1] + 2; i < v.length; i += 2) if (v[i] == n) return v[i + 1] >= cap;
        return false;
    }

    /** Fills memory from the store: every dismissal, and today's impressions. */
    public void load(BannerActivityStore store, LocalDate today) {
        for (String[] d : store.dismissals()) change(d[1], v -> dismiss(v, BannerNumbers.of(d[0])));
        int day = day(today);
        for (BannerActivityStore.UserImpressions i : store.impressionsOn(today)) {
            change(i.userId(), v -> seen(v, BannerNumbers.of(i.bannerId()), day, i.impressions()));
        }
    }

    public void recorded(String bannerId, String userId, BannerAction action, LocalDate today) {
        switch (action) {
            case IMPRESSION -> change(userId, v -> seen(v, BannerNumbers.of(bannerId), day(today), 1));
            case DISMISS -> change(userId, v -> dismiss(v, BannerNumbers.of(bannerId)));
            case CLICK -> { }
        }
    }

    /** Which banners this user may not be shown now: dismissed, or seen as often today as the cap allows. */
    public Predicate<IndexedBanner> blockedFor(String userId, LocalDate today) {
        int bit = filterBit(userId);
        if ((mayHaveViews.get(bit >>> 6) & (1L << bit)) == 0) return NOTHING;
        int[] v = users.get(userId);
        if (v == null) return NOTHING;
        int day = day(today);
        return b -> blocks(v, b, day); // v never changes: one answer per banner
    }

    /** Forgets users whose only record is an earlier day's impressions; returns how many. */
    public int forgetIdle(LocalDate today) {
        int day = day(today);
        return users.removeIf(v -> v[1] == 0 && v[0] != day);
    }

    private void change(String userId, UnaryOperator<int[]> how) {
        int bit = filterBit(userId);
        mayHaveViews.getAndUpdate(bit >>> 6, w -> w | (1L << bit)); // before the views can hold anything
        users.update(userId, v -> how.apply(v == null ? NONE : v));
    }

    private static int day(LocalDate date) {
        return Math.toIntExact(date.toEpochDay());
    }

    private static int filterBit(String userId) {
        int h = userId.hashCode();
        return (h ^ (h >>> 16)) & (FILTER_BITS - 1);
    }
}
