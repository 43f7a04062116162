package dev.audience.experiment;

import java.util.List;
import java.util.Objects;

/**
 * Who may be in: members of any target segment (none = everyone), minus members of any excluded segment,
 * then {@code percentBasisPoints} of those (10,000 = 100 %), picked by a stable hash of the user.
 */
public record Targeting(List<String> segments, List<String> excludeSegments, int percentBasisPoints) {
    public static final int ALL = 10_000;

    public Targeting {
        segments = List.copyOf(segments);
        excludeSegments = List.copyOf(Objects.requireNonNull(excludeSegments, "excludeSegments"));
        if (percentBasisPoints < 0 || percentBasisPoints > ALL) throw new IllegalArgumentException("percent out of range");
    }
}
