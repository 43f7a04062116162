package dev.audience.profile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps user ids to ordinals for the event ingest path, creating profiles for users not seen before.
 * A bounded cache keeps a batch of events from costing one state-store read per user: ordinals never
 * change while a profile lives, and a deletion on this node evicts its entry.
 */
public final class UserDirectory {
    private final ProfileStore store;
    private final Clock clock;
    private final OrdinalCache cache;

    private final LiveProfiles live;
    /**
     * UserIds found to have no profile, for a few seconds: banner and flag requests for anonymous visitors
     * would otherwise read the state store on every request. A profile created on this node leaves it at
     * once; one created on another node is seen within {@link #ABSENT_FOR}.
     */
    private final Cache<String, Boolean> absent;
    static final java.time.Duration ABSENT_FOR = java.time.Duration.ofSeconds(5);

    public UserDirectory(ProfileStore store, LiveProfiles live, Clock clock, int cacheSize) {
        this.store = store;
        this.live = live;
        this.clock = clock;
        this.cache = new OrdinalCache(cacheSize);
        this.absent = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ABSENT_FOR)
                .ticker(() -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    public Map<String, Integer> ordinalsOf(Collection<String> userIds) {
        Map<String, Integer> out = new HashMap<>(userIds.size() * 2);
        List<String> missing = new ArrayList<>();
        for (String id : userIds) {
            if (out.containsKey(id)) continue;
            Integer o = cache.get(id);
            if (o != null && !live.erased(o)) out.put(id, o);
            else missing.add(id);
        }
        if (!missing.isEmpty()) out.putAll(ensure(missing, true));
        return out;
    }

    /**
     * The ordinal of each user id, position by position (ids may repeat), creating unknown users; -1 where
     * the user was erased while this ran. The ingest path: one cache lookup per id and no map per batch.
     */
    public int[] ordinalsFor(List<String> userIds) {
        int[] out = new int[userIds.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            Integer o = cache.get(userIds.get(i));
            if (o != null && !live.erased(o)) out[i] = o;
            else missing.add(i);
        }
        if (!missing.isEmpty()) {
            Map<String, Integer> found = ensure(missing.stream().map(userIds::get).distinct().toList(), true);
            for (int i : missing) out[i] = found.getOrDefault(userIds.get(i), -1);
        }
        return out;
    }

    /**
     * Ordinals from the store, creating unknown users. An ordinal erased meanwhile (the user was deleted
     * between the read and now) is asked for once more: the user then gets a new profile.
     */
    private Map<String, Integer> ensure(List<String> userIds, boolean again) {
        Map<String, Integer> found = store.ensureOrdinals(userIds, clock.instant());
        List<String> raced = new ArrayList<>();
        Map<String, Integer> out = new HashMap<>(found.size() * 2);
        found.forEach((id, o) -> {
            if (live.erased(o)) raced.add(id);
            else out.put(id, o);
        });
        out.forEach(cache::put);
        absent.invalidateAll(out.keySet());
        live.addAll(out.values());
        if (!raced.isEmpty() && again) out.putAll(ensure(raced, false));
        return out;
    }

    /** True when this ordinal's profile was erased. */
    public boolean erased(int ordinal) {
        return live.erased(ordinal);
    }

    /** A profile was deleted: it leaves the cache and every segment. */
    public void forget(String userId, int ordinal) {
        cache.remove(userId);
        live.remove(ordinal);
    }

    /** A profile was created. */
    public void remember(String userId, int ordinal) {
        cache.put(userId, ordinal);
        absent.invalidate(userId);
        live.add(ordinal);
    }

    /** The ordinal of an existing user, without creating one. */
    public java.util.Optional<Integer> existing(String userId) {
        Integer o = cache.get(userId);
        if (o != null && !live.erased(o)) return java.util.Optional.of(o);
        if (absent.getIfPresent(userId) != null) return java.util.Optional.empty();
        Integer found = store.existingOrdinals(List.of(userId)).get(userId);
        if (found == null || live.erased(found)) {
            absent.put(userId, Boolean.TRUE);
            return java.util.Optional.empty();
        }
        cache.put(userId, found);
        return java.util.Optional.of(found);
    }
}
