package dev.audience.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Messages (email): draft → scheduled → sending → sent; also cancelled (by hand), expired (its expiry
 * passed before every message left) and failed (the audience could not be built). Banners: draft →
 * scheduled → active → ended (its expiry passed), or cancelled. Sent, cancelled, expired, failed and ended
 * are final.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, SENT, CANCELLED, EXPIRED, FAILED, ACTIVE, ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CampaignStatus> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
    }

    public boolean isFinal() {
        return this == SENT || this == CANCELLED || this == EXPIRED || this == FAILED || this == ENDED;
    }
}
