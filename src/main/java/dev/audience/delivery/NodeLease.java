package dev.audience.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * This node as a holder of ledger rows: its id, recorded on every row it claims, and how long a claim stays
 * its own without being renewed. A row held past its lease belongs to a node that is gone.
 */
public record NodeLease(String node, Duration length) {
    public NodeLease {
        Objects.requireNonNull(node, "node");
        if (node.isBlank()) throw new IllegalArgumentException("a node id must not be blank");
        if (length.isNegative() || length.isZero()) throw new IllegalArgumentException("a lease must be positive, was " + length);
    }

    /** When a claim made or renewed at {@code now} runs out. */
    public Instant until(Instant now) {
        return now.plus(length);
    }
}
