package dev.audience.delivery.tracking;

import java.util.Objects;

/** An unsubscribe request read from a signed link: whose (profile ordinal) and from which campaign's email. */
public record Unsubscribe(int ordinal, String campaignId) {
    public Unsubscribe {
        if (ordinal < 0) throw new IllegalArgumentException("ordinal must not be negative");
        Objects.requireNonNull(campaignId, "campaignId");
    }
}
