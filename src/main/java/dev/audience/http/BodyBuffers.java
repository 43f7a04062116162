package dev.audience.http;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Arrays for request bodies on the ingest path, used again once a request is done with them. An event batch
 * is about a megabyte, and a fresh array of that size per request is, for G1, a humongous object: allocated
 * outside the young generation, and at ingest rates the trigger of one concurrent collection cycle after
 * another. Keeps at most {@code keep} arrays of {@code size} bytes; a larger body gets an array of its own.
 * The caller hands an array back only when nothing refers to it any more.
 */
public final class BodyBuffers {
    private final int size;
    private final int keep;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kept = new AtomicInteger();

    public BodyBuffers(int size, int keep) {
        this.size = size;
        this.keep = keep;
    }

    /** An array of at least {@code length} bytes (its content is whatever was there). */
    public byte[] take(int length) {
        if (length > size) return new byte[length];
        byte[] b = free.poll();
        if (b == null) return new byte[size];
        kept.decrementAndGet();
        return b;
    }

    /** Hands an array back for the next request; arrays not of this pool's size are left to the collector. */
    public void give(byte[] b) {
        if (b.length != size) return;
        if (kept.incrementAndGet() > keep) {
            kept.decrementAndGet();
            return;
        }
        free.offer(b);
    }

    /** Arrays waiting to be taken (for tests). */
    int waiting() {
        return kept.get();
    }
}
