package dev.audience.banner;

import org.roaringbitmap.RoaringBitmap;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The banners of one placement as the index holds them, with what a decision needs to find the eligible ones
 * quickly. Usually {@link #admittedFor} answers for all banners at once: the ordinal's audience class (one
 * byte, see {@link AudienceClasses}) names a bit mask of the banners that admit it, worked out when the index
 * was built. Without classes (more than 64 banners here, or classes that would not stay small) a decision
 * looks the bitmaps up: banners with the same segments share one audience bitmap, and {@code slots()[i]}
 * numbers banner i's bitmap within the placement, so each bitmap is looked up once however many share it.
 */
public final class PlacementBanners {
    public static final PlacementBanners EMPTY = of(List.of());
    static final int MAX_MASKED = 64;

    private final List<IndexedBanner> banners;
    private final int[] slots;
    private final AudienceClasses classes;
    /** For each audience class, bit i set when banner i admits its ordinals; null without classes. */
    private final long[] admittedByClass;

    private PlacementBanners(List<IndexedBanner> banners, int[] slots, AudienceClasses classes, long[] admittedByClass) {
        this.banners = banners;
        this.slots = slots;
        this.classes = classes;
        this.admittedByClass = admittedByClass;
    }

    /** These banners with audience classes of their own (as a whole index shares one, see {@link BannerIndex}). */
    public static PlacementBanners of(List<IndexedBanner> banners) {
        return of(banners, AudienceClasses.of(banners.stream().map(IndexedBanner::decidingBitmap).toList()));
    }

    /** These banners, answering through {@code classes} (null: by bitmap lookups), made of their bitmaps among others. */
    static PlacementBanners of(List<IndexedBanner> banners, AudienceClasses classes) {
        Map<Object, Integer> everyoneSlots = new IdentityHashMap<>();
        Map<Object, Integer> targetedSlots = new IdentityHashMap<>();
        int[] slots = new int[banners.size()];
        for (int i = 0; i < slots.length; i++) {
            IndexedBanner b = banners.get(i);
            Map<Object, Integer> m = b.everyone() ? everyoneSlots : targetedSlots;
            int next = everyoneSlots.size() + targetedSlots.size();
            slots[i] = m.computeIfAbsent(b.decidingBitmap(), k -> next);
        }
        long[] admittedByClass = null;
        if (classes != null && banners.size() <= MAX_MASKED) {
            admittedByClass = new long[classes.count()];
            for (int c = 0; c < admittedByClass.length; c++) {
                for (int i = 0; i < banners.size(); i++) {
                    IndexedBanner b = banners.get(i);
                    RoaringBitmap deciding = b.decidingBitmap();
                    boolean member = classes.holds(c, deciding);
                    if (b.everyone() != member) admittedByClass[c] |= 1L << i; // Everyone admits those not excluded
                }
            }
        }
        return new PlacementBanners(List.copyOf(banners), slots, admittedByClass == null ? null : classes, admittedByClass);
    }

    public List<IndexedBanner> banners() {
        return banners;
    }

    /** Banner i's audience bitmap's number within this placement, for decisions without classes. */
    public int[] slots() {
        return slots;
    }

    /** Whether {@link #admittedFor} answers here (else a decision looks the bitmaps up). */
    public boolean masked() {
        return admittedByClass != null;
    }

    /** Bit i set when banner i admits this profile ordinal (-1 = none), window aside; only when {@link #masked}. */
    public long admittedFor(int ordinal) {
        return admittedByClass[classes.of(ordinal)];
    }

    public int size() {
        return banners.size();
    }
}
