package dev.audience.experiment;

/**
 * A 64-bit hash of (salt, userId) that is the same on every node, JVM and restart: FNV-1a over the UTF-16
 * chars, then SplitMix64's finaliser to spread the bits. Not for security; for even, stable buckets.
 */
final class StableHash {
    private StableHash() {}

    static long of(String salt, String userId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < salt.length(); i++) h = (h ^ salt.charAt(i)) * 0x100000001b3L;
        h = (h ^ 0x1F) * 0x100000001b3L; // a separator no printable salt ends with
        for (int i = 0; i < userId.length(); i++) h = (h ^ userId.charAt(i)) * 0x100000001b3L;
        return mix(h);
    }

    /** A further independent draw from one hash, for purpose {@code n} (allocation, variant i...). */
    static long derive(long h, long n) {
        return mix(h + 0x9E3779B97F4A7C15L * (n + 1));
    }

    /** A number in [0, 10,000) for percentage checks in basis points. */
    static int basisPoints(long h) {
        return (int) Long.remainderUnsigned(h, 10_000);
    }

    /** A uniform double in (0, 1), never 0 (it is passed to log). */
    static double unit(long h) {
        return ((h >>> 11) + 1) / 9007199254740993.0; // (2^53 + 1)
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
