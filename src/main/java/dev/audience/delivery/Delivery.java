package dev.audience.delivery;

import java.time.Instant;
import java.util.Objects;

/** One ledger row: one message of one campaign to one profile on one channel ({@code testRun} set for test sends). */
public record Delivery(long id, String campaignId, int ordinal, String channel, String testRun, DeliveryState state,
                       int attempts, Instant nextAttemptAt, String address, String reason, Instant updatedAt) {
    public Delivery {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
    }

    public boolean test() {
        return testRun != null;
    }
}
