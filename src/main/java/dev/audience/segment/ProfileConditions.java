package dev.audience.segment;

import dev.audience.segment.lang.Condition.ProfileMatch;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;

/** What segments ask of the state store about profiles. */
public interface ProfileConditions {
    RoaringBitmap matching(ProfileMatch m, Instant now);

    boolean matches(ProfileMatch m, int ordinal, Instant now);
}
