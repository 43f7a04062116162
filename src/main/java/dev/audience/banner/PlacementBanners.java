package dev.audience.banner;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The banners of one placement as the index holds them. Banners with the same segments share one audience
 * bitmap; {@code slots[i]} numbers banner i's bitmap within the placement, so a decision looks each
 * bitmap up once however many banners share it.
 */
public record PlacementBanners(List<IndexedBanner> banners, int[] slots) {
    public static final PlacementBanners EMPTY = of(List.of());

    public static PlacementBanners of(List<IndexedBanner> banners) {
        Map<Object, Integer> everyoneSlots = new IdentityHashMap<>();
        Map<Object, Integer> targetedSlots = new IdentityHashMap<>();
        int[] slots = new int[banners.size()];
        for (int i = 0; i < slots.length; i++) {
            IndexedBanner b = banners.get(i);
            Map<Object, Integer> m = b.everyone() ? everyoneSlots : targetedSlots;
            int next = everyoneSlots.size() + targetedSlots.size();
            slots[i] = m.computeIfAbsent(b.decidingBitmap(), k -> next);
        }
        return new PlacementBanners(List.copyOf(banners), slots);
    }

    public int size() {
        return banners.size();
    }
}
