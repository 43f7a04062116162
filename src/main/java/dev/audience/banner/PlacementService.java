package dev.audience.banner;

import dev.audience.common.ConflictException;
import dev.audience.common.NotFoundException;
import dev.audience.common.SettingsStore;
import dev.audience.common.Text;
import dev.audience.common.Validation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * The managed list of placements: top, hero and sidebar are added at the first start (once: a team that deletes one
 * does not get it back at the next start); more can be added, described anew, and deleted while no banner uses them.
 */
public final class PlacementService {
    public static final int MAX_DESCRIPTION = 500;
    static final List<Placement> BUILT_IN = List.of(
            new Placement("top", "A strip across the top of the page", null),
            new Placement("hero", "The large area at the head of a landing page", null),
            new Placement("sidebar", "A box beside the main content", null));

    private final PlacementStore store;
    private final SettingsStore settings;
    private final Function<String, List<String>> bannersUsing;
    private final Clock clock;

    /**
     * {@code bannersUsing}: the names of the banner campaigns that may still show in a placement (draft, scheduled or
     * active), which keep it from being deleted.
     */
    public PlacementService(PlacementStore store, SettingsStore settings, Function<String, List<String>> bannersUsing,
                            Clock clock) {
        this.store = store;
        this.settings = settings;
        this.bannersUsing = bannersUsing;
        this.clock = clock;
    }

    /**
     * Adds the built-in placements, once in the life of a store: a setting records that it was done (an installation
     * from before placements could be deleted gets the missing ones once more, and then never again).
     */
    public void ensureBuiltIns() {
        settings.getOrCreate("built-in-placements", () -> {
            for (Placement p : BUILT_IN) store.insert(new Placement(p.key(), p.description(), now()));
            return "added";
        });
    }

    public Placement create(String key, String description) {
        Validation v = new Validation();
        v.check(Text.isKey(key), "key",
                "must be 1 to 64 characters: lowercase letters, digits, '_' or '-', starting with a letter or digit");
        String d = description == null ? "" : description;
        description(v, d);
        v.throwIfInvalid();
        Placement p = new Placement(key, d, now());
        if (!store.insert(p)) throw new ConflictException("a placement with key \"" + key + "\" exists already");
        return p;
    }

    private static void description(Validation v, String d) {
        v.check(d.length() <= MAX_DESCRIPTION && Text.printable(d), "description",
                "must be at most " + MAX_DESCRIPTION + " printable characters");
    }

    /** A new description (null or "" clears it). */
    public Placement describe(String key, String description) {
        String d = description == null ? "" : description;
        Validation v = new Validation();
        description(v, d);
        v.throwIfInvalid();
        if (!store.describe(key, d)) throw notFound(key);
        return get(key);
    }

    /**
     * Deletes a placement no banner may still show in (409 naming those that may). Ended and cancelled banners keep
     * its key in their record; a placement made again under that key is a new one.
     */
    public void delete(String key) {
        switch (store.deleteUnused(key)) {
            case DELETED -> { }
            case NOT_FOUND -> throw notFound(key);
            case IN_USE -> {
                // The store refused in one step; the names are read afterwards, only for the message.
                List<String> banners = bannersUsing.apply(key);
                throw new ConflictException("placement \"" + key + "\" is used by "
                        + (banners.isEmpty() ? "a banner that may still show" : String.join(", ", banners))
                        + "; cancel or delete " + (banners.size() == 1 ? "it" : "them") + " first");
            }
        }
    }

    private static NotFoundException notFound(String key) {
        return new NotFoundException("no placement with key \"" + key + "\"");
    }

    /** Millisecond precision, as stored: what POST answers is what GET reads back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public Placement get(String key) {
        return store.find(key).orElseThrow(() -> notFound(key));
    }

    public List<Placement> list() {
        return store.list();
    }
}
