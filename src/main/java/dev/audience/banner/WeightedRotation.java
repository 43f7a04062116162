package dev.audience.banner;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Chooses one banner among those a user may see in a placement, each with probability weight / sum of
 * weights: over many requests, every eligible banner is shown in proportion to its weight. A banner the
 * user dismissed or has seen as often as its cap allows is left out by {@code blocked}.
 */
public final class WeightedRotation {
    private WeightedRotation() {}

    public static Optional<IndexedBanner> choose(List<IndexedBanner> candidates, int ordinal, Instant now,
                                                 Predicate<IndexedBanner> blocked, RandomGenerator random) {
        IndexedBanner[] open = new IndexedBanner[candidates.size()];
        int n = 0;
        int total = 0;
        for (IndexedBanner b : candidates) {
            if (b.eligible(ordinal, now) && !blocked.test(b)) {
                open[n++] = b;
                total += b.weight();
            }
        }
        if (n == 0) return Optional.empty();
        int draw = random.nextInt(total);
        for (int i = 0; i < n; i++) {
            draw -= open[i].weight();
            if (draw < 0) return Optional.of(open[i]);
        }
        throw new AssertionError("a draw below the total weight always lands on a banner");
    }
}
