package dev.audience.banner;

import java.util.List;

/**
 * A banner's results: impressions and clicks reported by the SDK, distinct users who saw it, and the click
 * rate (clicks / impressions; 0 before the first impression), with the counts per UTC day.
 */
public record BannerStats(long impressions, long uniqueViewers, long clicks, long dismissals, double clickRate,
                          List<BannerActivityStore.Day> days) {
    public static BannerStats of(List<BannerActivityStore.Day> days, long uniqueViewers) {
        long impressions = days.stream().mapToLong(BannerActivityStore.Day::impressions).sum();
        long clicks = days.stream().mapToLong(BannerActivityStore.Day::clicks).sum();
        long dismissals = days.stream().mapToLong(BannerActivityStore.Day::dismissals).sum();
        return new BannerStats(impressions, uniqueViewers, clicks, dismissals,
                impressions == 0 ? 0 : (double) clicks / impressions, List.copyOf(days));
    }
}
