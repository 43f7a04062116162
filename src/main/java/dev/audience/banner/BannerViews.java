package dev.audience.banner;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
     * One user's views. Writes are serialised on the object and publish fresh immutable copies; a decision
     * reads two volatile fields and allocates nothing, and sees one answer per banner however actions race.
     */
    private static final class UserViews {
        private volatile Predicate<IndexedBanner> dismissedOnly = NOTHING;
        private volatile Predicate<IndexedBanner> withToday = NOTHING;
        private volatile LocalDate day;
        private Set<String> dismissed = Set.of();
        private Map<String, Integer> seenToday = Map.of();

        synchronized void dismiss(String bannerId) {
            Set<String> next = new HashSet<>(dismissed);
            next.add(bannerId);
            dismissed = Set.copyOf(next);
            publish();
        }

        synchronized void seen(String bannerId, LocalDate today, int times) {
            Map<String, Integer> next = today.equals(day) ? new HashMap<>(seenToday) : new HashMap<>();
            next.merge(bannerId, times, Integer::sum);
            seenToday = Map.copyOf(next);
            publish();
            day = today; // after the predicate: a reader that sees this day sees its counts
        }

        private void publish() {
            Set<String> gone = dismissed;
            Map<String, Integer> seen = seenToday;
            dismissedOnly = gone.isEmpty() ? NOTHING : b -> gone.contains(b.id());
            withToday = b -> gone.contains(b.id()) || (b.dailyCap() > 0 && seen.getOrDefault(b.id(), 0) >= b.dailyCap());
        }

        Predicate<IndexedBanner> blocker(LocalDate today) {
            Predicate<IndexedBanner> full = withToday; // read before day, which is written after it
            return today.equals(day) ? full : dismissedOnly;
        }

        synchronized boolean idle(LocalDate today) {
            return dismissed.isEmpty() && !today.equals(day);
        }
    }

    /** Fills memory from the store: every dismissal, and today's impressions. */
    public void load(BannerActivityStore store, LocalDate today) {
        for (String[] d : store.dismissals()) user(d[1]).dismiss(d[0]);
        for (BannerActivityStore.UserImpressions i : store.impressionsOn(today)) {
            user(i.userId()).seen(i.bannerId(), today, i.impressions());
        }
    }

    public void recorded(String bannerId, String userId, BannerAction action, LocalDate today) {
        switch (action) {
            case IMPRESSION -> user(userId).seen(bannerId, today, 1);
            case DISMISS -> user(userId).dismiss(bannerId);
            case CLICK -> { }
        }
    }

    /** Which banners this user may not be shown now: dismissed, or seen as often today as the cap allows. */
    public Predicate<IndexedBanner> blockedFor(String userId, LocalDate today) {
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
        return users.computeIfAbsent(userId, k -> new UserViews());
    }
}
