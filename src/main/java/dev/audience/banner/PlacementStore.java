package dev.audience.banner;

import java.util.List;
import java.util.Optional;

/** Where placements are kept. */
public interface PlacementStore {
    /** Inserts the placement unless its key exists; false when it did. */
    boolean insert(Placement p);

    Optional<Placement> find(String key);

    /** All placements, by key. */
    List<Placement> list();
}
