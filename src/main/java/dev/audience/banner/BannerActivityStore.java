package dev.audience.banner;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Where banner impressions, clicks and dismissals are counted (the state store). */
public interface BannerActivityStore {
    /** Counts one action by one user on {@code day} (UTC), in one transaction. */
    void record(String bannerId, String userId, BannerAction action, LocalDate day, Instant at);

    /** A user's impressions of a banner on one day. */
    record UserImpressions(String bannerId, String userId, int impressions) {}

    List<UserImpressions> impressionsOn(LocalDate day);

    /** Who dismissed what: {bannerId, userId} pairs. */
    List<String[]> dismissals();

    /** One day of a banner's counts. */
    record Day(LocalDate day, long impressions, long clicks, long dismissals) {}

    List<Day> days(String bannerId);

    long uniqueViewers(String bannerId);
}
