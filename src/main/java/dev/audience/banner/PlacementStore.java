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

    /** False when there was no such placement. */
    boolean delete(String key);

    /** All placements, by key. */
    List<Placement> list();
}
