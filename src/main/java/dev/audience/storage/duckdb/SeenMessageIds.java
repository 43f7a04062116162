package dev.audience.storage.duckdb;

import dev.audience.event.Event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The messageIds the event store holds, approximately: "no" is certain, "maybe" is wrong for about 1 in
 * 10 million ids never seen. A batch whose ids all get "no" (and that repeats none of its own) cannot
 * hold a repeat, so it is appended without the exact check, which reads every stored messageId.
 * <p>
 * It grows by chaining: when the newest filter holds its capacity, a new one twice as large takes the
 * new ids and lookups ask each filter (a few: capacities double). Ids are added before the append that
 * stores them commits; an append that then fails leaves ids that are not stored, which only costs an
 * exact check if they come again. Erased events leave their ids here for the same reason. Memory: 6.5
 * bytes per id of capacity, the first filter holding at least {@link #MIN_CAPACITY} ids.
 * Not thread-safe: the store's admission lock serialises access.
 */
final class SeenMessageIds {
    static final long MIN_CAPACITY = 1 << 20;

    private final List<BlockedBloomFilter> filters = new ArrayList<>();

    /** Room for {@code expected} ids before the first filter is full. */
    SeenMessageIds(long expected) {
        this(expected, MIN_CAPACITY);
    }

    SeenMessageIds(long expected, long minCapacity) {
        filters.add(new BlockedBloomFilter(Math.max(minCapacity, expected)));
    }

    /** Adds one id (loading the ids already stored). */
    void add(String messageId) {
        addHash(hash(messageId));
    }

    /** Adds one id by its {@link #hash}. */
    void addHash(long hash) {
        newest().put(hash);
    }

    /**
     * Adds the events' ids (those without one skipped); true when any of them may have been seen before,
     * whether stored earlier or repeated within {@code events}.
     */
    boolean addAll(List<Event> events) {
        return addAll(hashes(events));
    }

    /** The {@link #hash}es of the events' ids, in order, those without one skipped: computed before any lock. */
    static long[] hashes(List<Event> events) {
        long[] hashes = new long[events.size()];
        int n = 0;
        for (Event e : events) {
            String id = e.messageId();
            if (id != null) hashes[n++] = hash(id);
        }
        return n == hashes.length ? hashes : Arrays.copyOf(hashes, n);
    }

    /** {@link #addAll(List)} for ids already hashed. */
    boolean addAll(long[] hashes) {
        // The lookups (a cache miss each) do not depend on one another: the processor overlaps them.
        boolean maybe = false;
        for (long h : hashes) {
            BlockedBloomFilter newest = newest();
            for (int i = 0; i < filters.size() - 1; i++) maybe |= filters.get(i).mightContain(h);
            maybe |= newest.put(h);
        }
        return maybe;
    }

    int filters() {
        return filters.size();
    }

    long bytes() {
        return filters.stream().mapToLong(BlockedBloomFilter::bytes).sum();
    }

    private BlockedBloomFilter newest() {
        BlockedBloomFilter f = filters.getLast();
        if (f.full()) {
            f = new BlockedBloomFilter(f.capacity() * 2);
            filters.add(f);
        }
        return f;
    }

    /**
     * 64 bits of a string: FNV-1a over its chars, then murmur3's finaliser so that every input bit reaches
     * every output bit. String.hashCode has 32 bits: at tens of millions of ids, too many collisions.
     */
    static long hash(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001B3L;
        h ^= s.length();
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
