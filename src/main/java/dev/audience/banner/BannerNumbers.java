package dev.audience.banner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small number for each banner id, given once per process and never reused: what a user's views keep
 * (arrays of ints, scanned without following a pointer) instead of the ids, so that a decision for a user who
 * saw or dismissed banners stays as cheap as one for a user who did not.
 */
final class BannerNumbers {
    private static final Map<String, Integer> NUMBERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private BannerNumbers() {}

    static int of(String bannerId) {
        Integer n = NUMBERS.get(bannerId);
        return n != null ? n : NUMBERS.computeIfAbsent(bannerId, k -> NEXT.getAndIncrement());
    }
}
