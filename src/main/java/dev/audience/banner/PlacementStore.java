package dev.audience.banner;

import java.util.List;
import java.util.Optional;

/** Where placements are kept. */
public interface PlacementStore {
    /** Inserts the placement unless its key exists; false when it did. */
    boolean insert(Placement p);

    Optional<Placement> find(String key);

    /** Sets the description; false when there is no such placement. */
    boolean describe(String key, String description);

    /** What {@link #deleteUnused} did. */
    enum Deletion { DELETED, IN_USE, NOT_FOUND }

    /**
     * Deletes the placement unless a banner that may still show (draft, scheduled or active) names it: the check and
     * the delete are one step, so a banner saved meanwhile is not missed.
     */
    Deletion deleteUnused(String key);

    /** All placements, by key. */
    List<Placement> list();
}
