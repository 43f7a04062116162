package dev.audience.segment;

import dev.audience.segment.lang.Condition.Did;
import dev.audience.segment.sql.PropertyColumn;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.Set;

/** What segments ask of the event store. */
public interface EventConditions {

    /** The users who did it; when {@code complement}, the answer is every live profile except {@code ordinals}. */
    record Performed(RoaringBitmap ordinals, boolean complement) {}

    Performed performed(Did did, Instant now);

    /** How many matching events one user has (for explanations). */
    long timesPerformed(Did did, int ordinal, Instant now);

    /** Makes real typed columns for these properties (filled for stored events too); known ones are skipped. */
    void promote(Set<PropertyColumn> columns);

    Set<PropertyColumn> promoted();
}
