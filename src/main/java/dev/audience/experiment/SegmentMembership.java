package dev.audience.experiment;

/** What assignment asks of segments: membership of a profile ordinal in memory, and the version answered from. */
public interface SegmentMembership {
    boolean contains(String segmentKey, int ordinal);

    /** Version of the segment's current snapshot (0 for Everyone or none). */
    long version(String segmentKey);
}
