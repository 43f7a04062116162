package dev.audience.segment;

import java.time.Instant;

/**
 * A segment with its current membership figures: {@code size} counts live members (a deleted profile has
 * left already), {@code version} is the current snapshot's (0 before the first), {@code refreshedAt} its time.
 */
public record SegmentView(Segment segment, long size, long version, Instant refreshedAt) {}
