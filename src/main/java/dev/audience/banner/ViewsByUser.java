package dev.audience.banner;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * userId → that user's views (an immutable int array, see {@link BannerViews}), for many readers and a few
 * writers. One open-addressing table holds each key next to its value, so a read follows two references (the
 * table's slot, then the array) where a ConcurrentHashMap follows four (bin, node, value object, array).
 * Reads take no lock: a value is published before its key (release) and read after it (acquire), and the
 * table is replaced whole (volatile) when it grows or when entries are removed. Writers take this object's
 * lock, one at a time, and write to the current table only.
 */
final class ViewsByUser {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final int FIRST_CAPACITY = 1 << 10;

    /** Key of entry i at 2i, its value at 2i + 1; half the entries at most are in use. */
    private volatile Object[] slots = new Object[2 * FIRST_CAPACITY];
    private int size; // guarded by this

    /** This user's views, or null. */
    int[] get(String userId) {
        Object[] t = slots;
        int mask = (t.length >>> 1) - 1;
        for (int i = first(userId, mask); ; i = (i + 1) & mask) {
            Object k = SLOTS.getAcquire(t, 2 * i);
            if (k == null) return null;
            if (k == userId || k.equals(userId)) return (int[]) SLOTS.getAcquire(t, 2 * i + 1);
        }
    }

    /** Replaces this user's views with {@code how} of them ({@code how} gets null for a user with none). */
    synchronized void update(String userId, UnaryOperator<int[]> how) {
        Object[] t = slots;
        int mask = (t.length >>> 1) - 1;
        int i = first(userId, mask);
        for (Object k; (k = t[2 * i]) != null; i = (i + 1) & mask) {
            if (k.equals(userId)) {
                SLOTS.setRelease(t, 2 * i + 1, how.apply((int[]) t[2 * i + 1]));
                return;
            }
        }
        int[] views = how.apply(null);
        if (2 * (size + 1) > t.length >>> 1) { // past half full: a table twice the size
            t = copy(t, t.length * 2, v -> false);
            slots = t;
            mask = (t.length >>> 1) - 1;
            i = first(userId, mask);
            while (t[2 * i] != null) i = (i + 1) & mask;
        }
        SLOTS.setRelease(t, 2 * i + 1, views); // the value before the key: a reader that finds the key finds it
        SLOTS.setRelease(t, 2 * i, userId);
        size++;
    }

    /** Removes the users whose views {@code drop} says; returns how many. */
    synchronized int removeIf(Predicate<int[]> drop) {
        int before = size;
        Object[] t = slots;
        Object[] kept = copy(t, t.length, drop);
        if (size != before) slots = kept;
        return before - size;
    }

    int size() {
        synchronized (this) {
            return size;
        }
    }

    /** A new table of {@code length} slots with the entries of {@code t} that {@code drop} leaves; sets size. */
    private Object[] copy(Object[] t, int length, Predicate<int[]> drop) {
        Object[] out = new Object[length];
        int mask = (length >>> 1) - 1;
        size = 0;
        for (int j = 0; j < t.length; j += 2) {
            if (t[j] == null || drop.test((int[]) t[j + 1])) continue;
            int i = first((String) t[j], mask);
            while (out[2 * i] != null) i = (i + 1) & mask;
            out[2 * i] = t[j];
            out[2 * i + 1] = t[j + 1];
            size++;
        }
        return out; // published by the volatile write of slots
    }

    private static int first(String userId, int mask) {
        int h = userId.hashCode(); // mixed (MurmurHash3's finaliser): similar ids end up far apart
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return (h ^ (h >>> 16)) & mask;
    }
}
