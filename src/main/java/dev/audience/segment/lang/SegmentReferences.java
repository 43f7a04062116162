package dev.audience.segment.lang;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@link Checker} needs to know of the saved segments to check {@code in segment} conditions: which
 * keys exist, and which segments each one reads directly, to refuse a definition that would make a segment
 * depend on itself. The segment store implements it; this package only declares it.
 */
public interface SegmentReferences {

    boolean exists(String key);

    /** The keys a saved segment's definition names in {@code in segment} (directly); empty for an unknown key. */
    Set<String> dependenciesOf(String key);

    /** Saved segments held in memory: each key with the keys its definition names directly. */
    static SegmentReferences of(Map<String, ? extends Set<String>> segments) {
        Map<String, Set<String>> copy = Map.copyOf(segments);
        return new SegmentReferences() {
            @Override
            public boolean exists(String key) {
                return copy.containsKey(Objects.requireNonNull(key, "key"));
            }

            @Override
            public Set<String> dependenciesOf(String key) {
                return copy.getOrDefault(Objects.requireNonNull(key, "key"), Set.of());
            }
        };
    }
}
