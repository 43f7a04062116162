package dev.audience.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An A/B test: variants with weights, who is targeted, and its state. {@code salt} is fixed at creation
 * and makes assignments independent from one experiment to the next.
 */
public record Experiment(String key, String name, List<Variant> variants, Targeting targeting, ExperimentStatus status,
                         String salt, Instant createdAt, Instant updatedAt, Instant startedAt, Instant stoppedAt) {
    public Experiment {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        variants = List.copyOf(variants);
        Objects.requireNonNull(targeting, "targeting");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Experiment withStatus(ExperimentStatus s, Instant now) {
        return new Experiment(key, name, variants, targeting, s, salt, createdAt, now,
                s == ExperimentStatus.RUNNING ? now : startedAt, s == ExperimentStatus.STOPPED ? now : stoppedAt);
    }
}
