package dev.audience.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * draft → scheduled → sending → sent; also cancelled (by hand), expired (its expiry passed before every
 * message left) and failed (the audience could not be built). The last four are final.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, SENT, CANCELLED, EXPIRED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CampaignStatus> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
    }

    public boolean isFinal() {
        return this == SENT || this == CANCELLED || this == EXPIRED || this == FAILED;
    }
}
