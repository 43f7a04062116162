package dev.audience.banner;

import java.time.Instant;
import java.util.List;

/** A banner to put in the index: where it shows, how often relative to others, to whom and when. */
public record BannerTargeting(String id, String placement, int weight, List<String> segments,
                              List<String> excludeSegments, Instant startsAt, Instant expiresAt) {
    public BannerTargeting {
        segments = List.copyOf(segments);
        excludeSegments = List.copyOf(excludeSegments);
    }
}
