package dev.audience.banner;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Chooses one banner among those a user may see in a placement, each with probability weight / sum of
 * weights: over many requests, every eligible banner is shown in proportion to its weight. A banner the
 * user dismissed or has seen as often as its cap allows is left out by {@code blocked}, which must give
 * the same answer for a banner throughout one decision. Allocates nothing. Usually the placement gives the
 * banners admitting the user as one bit mask (one char read, see {@link PlacementBanners#admittedFor}), and
 * only those are checked further, each once. Otherwise each shared audience bitmap is looked up once and
 * remembered in a bit mask (placements with more than 64 distinct audiences look the rest up as they come).
 */
public final class WeightedRotation {
    private WeightedRotation() {}

    public static Optional<IndexedBanner> choose(PlacementBanners placement, int ordinal, Instant now,
                                                 Predicate<IndexedBanner> blocked, RandomGenerator random) {
        if (placement.masked()) return choose(placement.banners(), placement.admittedFor(ordinal), now, blocked, random);
        List<IndexedBanner> banners = placement.banners();
        int[] slots = placement.slots();
        long asked = 0;
        long admitted = 0;
        int total = 0;
        for (int i = 0; i < slots.length; i++) {
            IndexedBanner b = banners.get(i);
            if (!b.inWindow(now)) continue;
            int slot = slots[i];
            boolean admits;
            if (slot < 64) {
                long bit = 1L << slot;
                if ((asked & bit) == 0) {
                    asked |= bit;
                    if (b.admits(ordinal)) admitted |= bit;
                }
                admits = (admitted & bit) != 0;
            } else {
                admits = b.admits(ordinal);
            }
            if (admits && !blocked.test(b)) total += b.weight();
        }
        if (total == 0) return Optional.empty();
        int draw = random.nextInt(total);
        for (int i = 0; i < slots.length; i++) {
            IndexedBanner b = banners.get(i);
            if (!b.inWindow(now)) continue;
            int slot = slots[i];
            boolean admits = slot < 64 ? (admitted & (1L << slot)) != 0 : b.admits(ordinal);
            if (admits && !blocked.test(b)) {
                draw -= b.weight();
                if (draw < 0) return Optional.of(b);
            }
        }
        throw new IllegalStateException("blocked gave different answers within one decision");
    }

    /** The draw among the banners whose bits are set in {@code admitted}. */
    private static Optional<IndexedBanner> choose(List<IndexedBanner> banners, long admitted, Instant now,
                                                  Predicate<IndexedBanner> blocked, RandomGenerator random) {
        long shown = 0;
        int total = 0;
        for (long rest = admitted; rest != 0; rest &= rest - 1) {
            int i = Long.numberOfTrailingZeros(rest);
            IndexedBanner b = banners.get(i);
            if (b.inWindow(now) && !blocked.test(b)) {
                shown |= 1L << i;
                total += b.weight();
            }
        }
        if (total == 0) return Optional.empty();
        int draw = random.nextInt(total);
        for (long rest = shown; ; rest &= rest - 1) {
            IndexedBanner b = banners.get(Long.numberOfTrailingZeros(rest));
            draw -= b.weight();
            if (draw < 0) return Optional.of(b);
        }
    }
}
