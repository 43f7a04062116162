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

    /** One user's views; guarded by itself. */
    private static final class UserViews {
        private final Set<String> dismissed = new HashSet<>();
        private final Map<String, Integer> seenToday = new HashMap<>();
        private LocalDate day;

        synchronized void dismiss(String bannerId) {
            dismissed.add(bannerId);
        }

        synchronized void seen(String bannerId, LocalDate today, int times) {
            if (!today.equals(day)) {
                seenToday.clear();
                day = today;
            }
            seenToday.merge(bannerId, times, Integer::sum);
        }

        /** A copy, so that one decision sees one answer per banner even while actions arrive. */
        synchronized Predicate<IndexedBanner> blocker(LocalDate today) {
            Set<String> gone = Set.copyOf(dismissed);
            Map<String, Integer> seen = today.equals(day) ? Map.copyOf(seenToday) : Map.of();
            if (gone.isEmpty() && seen.isEmpty()) return NOTHING;
            return b -> gone.contains(b.id()) || (b.dailyCap() > 0 && seen.getOrDefault(b.id(), 0) >= b.dailyCap());
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
