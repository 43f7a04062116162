package dev.audience.banner;

import dev.audience.common.ConflictException;
import dev.audience.common.NotFoundException;
import dev.audience.common.Text;
import dev.audience.common.Validation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The managed list of placements: top, hero and sidebar exist from the first start; more can be added. */
public final class PlacementService {
    public static final int MAX_DESCRIPTION = 500;
    static final List<Placement> BUILT_IN = List.of(
            new Placement("top", "A strip across the top of the page", null),
            new Placement("hero", "The large area at the head of a landing page", null),
            new Placement("sidebar", "A box beside the main content", null));

    private final PlacementStore store;
    private final Clock clock;

    public PlacementService(PlacementStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Adds the built-in placements that are missing (every start; a no-op once they exist). */
    public void ensureBuiltIns() {
        for (Placement p : BUILT_IN) store.insert(new Placement(p.key(), p.description(), now()));
    }

    public Placement create(String key, String description) {
        Validation v = new Validation();
        v.check(Text.isKey(key), "key",
                "must be 1 to 64 characters: lowercase letters, digits, '_' or '-', starting with a letter or digit");
        String d = description == null ? "" : description;
        v.check(d.length() <= MAX_DESCRIPTION && Text.printable(d), "description",
                "must be at most " + MAX_DESCRIPTION + " printable characters");
        v.throwIfInvalid();
        Placement p = new Placement(key, d, now());
        if (!store.insert(p)) throw new ConflictException("a placement with key \"" + key + "\" exists already");
        return p;
    }

    /** Millisecond precision, as stored: what POST answers is what GET reads back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public Placement get(String key) {
        return store.find(key).orElseThrow(() -> new NotFoundException("no placement with key \"" + key + "\""));
    }

    public List<Placement> list() {
        return store.list();
    }
}
