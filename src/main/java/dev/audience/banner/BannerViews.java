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
     * One user's views, immutable: a change makes a new one (swapped into the map by {@code compute}, which
     * serialises the writers of one user). One int array holds it all, so that a decision follows one
     * reference from the map: {@code [d, g1..gd, b1, t1, b2, t2, ...]}, d banner numbers dismissed, then
     * pairs of a banner number and the times it was seen on {@code day}.
     */
    private record UserViews(LocalDate day, int[] packed) {
        static final UserViews NONE = new UserViews(null, new int[] {0});

        UserViews dismiss(int banner) {
            if (dismissed(banner)) return this;
            int d = packed[0];
            int[] next = new int[packed.length + 1];
            next[0] = d + 1;
            System.arraycopy(packed, 1, next, 1, d);
            next[d + 1] = banner;
            System.arraycopy(packed, d + 1, next, d + 2, packed.length - d - 1);
            return new UserViews(day, next);
        }

        UserViews seen(int banner, LocalDate today, int times) {
            int d = packed[0];
            int[] base = today.equals(day) ? packed : java.util.Arrays.copyOf(packed, d + 1); // a new day: no counts
            for (int i = d + 1; i < base.length; i += 2) {
                if (base[i] == banner) {
                    int[] next = base.clone();
                    next[i + 1] += times;
                    return new UserViews(today, next);
                }
            }
            int[] next = java.util.Arrays.copyOf(base, base.length + 2);
            next[base.length] = banner;
            next[base.length + 1] = times;
            return new UserViews(today, next);
        }

        boolean dismissed(int banner) {
            for (int i = 1, end = packed[0]; i <= end; i++) if (packed[i] == banner) return true;
            return false;
        }

        boolean blocks(IndexedBanner b, LocalDate today) {
            int n = b.number();
            if (dismissed(n)) return true;
            int cap = b.dailyCap();
            if (cap <= 0 || !today.equals(day)) return false;
            for (int i = packed[0] + 1; i < packed.length; i += 2) if (packed[i] == n) return packed[i + 1] >= cap;
            return false;
        }

        boolean idle(LocalDate today) {
            return packed[0] == 0 && !today.equals(day);
        }
    }

    /** Fills memory from the store: every dismissal, and today's impressions. */
    public void load(BannerActivityStore store, LocalDate today) {
        for (String[] d : store.dismissals()) change(d[1], v -> v.dismiss(BannerNumbers.of(d[0])));
        for (BannerActivityStore.UserImpressions i : store.impressionsOn(today)) {
            change(i.userId(), v -> v.seen(BannerNumbers.of(i.bannerId()), today, i.impressions()));
        }
    }

    public void recorded(String bannerId, String userId, BannerAction action, LocalDate today) {
        switch (action) {
            case IMPRESSION -> change(userId, v -> v.seen(BannerNumbers.of(bannerId), today, 1));
            case DISMISS -> change(userId, v -> v.dismiss(BannerNumbers.of(bannerId)));
            case CLICK -> { }
        }
    }

    /** Which banners this user may not be shown now: dismissed, or seen as often today as the cap allows. */
    public Predicate<IndexedBanner> blockedFor(String userId, LocalDate today) {
        int bit = filterBit(userId);
        if ((mayHaveViews.get(bit >>> 6) & (1L << bit)) == 0) return NOTHING;
        UserViews v = users.get(userId);
        return v == null ? NOTHING : b -> v.blocks(b, today); // v never changes: one answer per banner
    }

    /** Forgets users whose only record is an earlier day's impressions; returns how many. */
    public int forgetIdle(LocalDate today) {
        int before = users.size();
        users.values().removeIf(v -> v.idle(today));
        return before - users.size();
    }

    private void change(String userId, java.util.function.UnaryOperator<UserViews> how) {
        int bit = filterBit(userId);
        mayHaveViews.getAndUpdate(bit >>> 6, w -> w | (1L << bit)); // before the views can hold anything
        users.compute(userId, (k, v) -> how.apply(v == null ? UserViews.NONE : v));
    }

    private static int filterBit(String userId) {
        int h = userId.hashCode();
        return (h ^ (h >>> 16)) & (FILTER_BITS - 1);
    }
}
