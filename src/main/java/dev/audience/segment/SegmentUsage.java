package dev.audience.segment;

import java.util.List;

/** Something that uses segments (another segment, later campaigns and experiments): a segment in use cannot be deleted. */
public interface SegmentUsage {
    /** Human-readable names of what uses the segment, e.g. {@code segment "vip"}. */
    List<String> usersOf(String segmentKey);
}
