package dev.audience.experiment;

import java.time.Instant;
import java.util.List;

/**
 * What the event store can count about an experiment from its {@code experiment_exposure} events: per variant, the
 * people first exposed to it, their exposure events, and how many of them did a goal event afterwards.
 */
public interface ExposureCounts {
    /**
     * One variant: {@code users} first exposed to it (each person counts under the variant of their first exposure),
     * {@code exposures} their exposure events (one per person a day), {@code converted} those of them who did the goal
     * event at or after their first exposure (0 without a goal).
     */
    record Row(String variant, long users, long exposures, long converted) {}

    /** The rows of the experiment's exposures since {@code since} (its creation); {@code goalEvent} may be null. */
    List<Row> byVariant(String experimentKey, Instant since, String goalEvent);
}
