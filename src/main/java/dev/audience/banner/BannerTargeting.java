package dev.audience.banner;

import java.time.Instant;
import java.util.List;

/**
 * A banner to put in the index: where it shows, how often relative to others, to whom and when, how often
 * per user per day (0 = no cap), whether it is a test, and how clients receive it (see {@link IndexedBanner}).
 */
public record BannerTargeting(String id, String placement, int weight, List<String> segments,
                              List<String> excludeSegments, Instant startsAt, Instant expiresAt, int dailyCap,
                              boolean test, byte[] encoded) {
    public BannerTargeting {
        segments = List.copyOf(segments);
        excludeSegments = List.copyOf(excludeSegments);
    }

    /** Equal when every part is, the encoded bytes by content: an unchanged banner needs no new index. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BannerTargeting t && id.equals(t.id) && placement.equals(t.placement) && weight == t.weight
                && segments.equals(t.segments) && excludeSegments.equals(t.excludeSegments)
                && java.util.Objects.equals(startsAt, t.startsAt) && java.util.Objects.equals(expiresAt, t.expiresAt)
                && dailyCap == t.dailyCap && test == t.test && java.util.Arrays.equals(encoded, t.encoded);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, placement, weight, startsAt, expiresAt, test);
    }

    public BannerTargeting(String id, String placement, int weight, List<String> segments, List<String> excludeSegments,
                           Instant startsAt, Instant expiresAt) {
        this(id, placement, weight, segments, excludeSegments, startsAt, expiresAt, 0, false, null);
    }
}
