package dev.audience.banner;

import org.roaringbitmap.RoaringBitmap;

/** What building the banner index asks of segments: their current members, as profile ordinals. */
public interface SegmentBitmaps {
    /** True for the Everyone segment, whose members are all profiles present and future. */
    boolean isEveryone(String segmentKey);

    /** The segment's current members (a copy the caller may keep); empty for an unknown segment. */
    RoaringBitmap members(String segmentKey);
}
