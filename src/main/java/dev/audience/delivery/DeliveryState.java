package dev.audience.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A ledger row's state. queued, sending and retrying are pending; the rest are final. unknown: the
 * process died while the row was being sent, so whether it left is not known; it is counted, not re-sent.
 */
public enum DeliveryState {
    QUEUED, SENDING, SENT, RETRYING, FAILED, SKIPPED, CANCELLED, EXPIRED, UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryState> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
    }
}
