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
    private final Cache<String, Integer> cache;

    public UserDirectory(ProfileStore store, Clock clock, int cacheSize) {
        this.store = store;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    public Map<String, Integer> ordinalsOf(Collection<String> userIds) {
        Map<String, Integer> out = new HashMap<>(userIds.size() * 2);
        List<String> missing = new ArrayList<>();
        for (String id : userIds) {
            if (out.containsKey(id)) continue;
            Integer o = cache.getIfPresent(id);
            if (o != null) out.put(id, o);
            else missing.add(id);
        }
        if (!missing.isEmpty()) {
            Map<String, Integer> found = store.ensureOrdinals(missing, clock.instant());
            cache.putAll(found);
            out.putAll(found);
        }
        return out;
    }

    public void forget(String userId) {
        cache.invalidate(userId);
    }

    public void remember(String userId, int ordinal) {
        cache.put(userId, ordinal);
    }
}
