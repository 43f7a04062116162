package dev.audience.experiment;

import java.util.Objects;

/** One arm of an experiment, with its share of the traffic relative to the others' weights. */
public record Variant(String key, int weight) {
    public Variant {
        Objects.requireNonNull(key, "key");
    }
}
