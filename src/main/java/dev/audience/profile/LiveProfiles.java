package dev.audience.profile;

import org.roaringbitmap.RoaringBitmap;

import java.util.Collection;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The ordinals of every profile that exists now: the Everyone segment, and the mask that makes a deleted
 * profile leave every segment at once (segment snapshots are read through it).
 */
public final class LiveProfiles {
    private final RoaringBitmap live = new RoaringBitmap();
    /**
     * Ordinals erased since start. Ordinals are never given again, so an erased one must never come back
     * to life: a lookup or ingest that raced with the erasure and re-adds it is ignored. Copied on write
     * (erasures are rare) so that {@link #erased(int)}, asked once per ingested event, takes no lock.
     */
    private volatile RoaringBitmap erased = new RoaringBitmap();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public void addAll(int[] ordinals) {
        lock.writeLock().lock();
        try {
            for (int o : ordinals) if (!erased.contains(o)) live.add(o);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void addAll(Collection<Integer> ordinals) {
        addAll(ordinals.stream().mapToInt(Integer::intValue).toArray());
    }

    public void add(int ordinal) {
        lock.writeLock().lock();
        try {
            if (!erased.contains(ordinal)) live.add(ordinal);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(int ordinal) {
        lock.writeLock().lock();
        try {
            live.remove(ordinal);
            RoaringBitmap next = erased.clone();
            next.add(ordinal);
            erased = next;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** True when this ordinal's profile was erased (since start). */
    public boolean erased(int ordinal) {
        return erased.contains(ordinal);
    }

    public boolean contains(int ordinal) {
        lock.readLock().lock();
        try {
            return live.contains(ordinal);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy, safe to combine with other bitmaps. */
    public RoaringBitmap snapshot() {
        lock.readLock().lock();
        try {
            return live.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many of {@code members} are live. */
    public long countLive(RoaringBitmap members) {
        lock.readLock().lock();
        try {
            return RoaringBitmap.andCardinality(live, members);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@code members} without the profiles deleted since they were taken. */
    public RoaringBitmap liveOf(RoaringBitmap members) {
        lock.readLock().lock();
        try {
            return RoaringBitmap.and(live, members);
        } finally {
            lock.readLock().unlock();
        }
    }

    public long count() {
        lock.readLock().lock();
        try {
            return live.getLongCardinality();
        } finally {
            lock.readLock().unlock();
        }
    }
}
