package dev.audience.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A ledger row's state. queued, claimed (taken by a worker, not yet handed to the relay), sending and
 * retrying are pending; the rest are final. unknown: the process died while the row was being handed to
 * the relay, so whether it left is not known; it is counted, not re-sent. A claimed row that a crash
 * caught goes back to queued: it had not left.
 */
public enum DeliveryState {
    QUEUED, CLAIMED, SENDING, SENT, RETRYING, FAILED, SKIPPED, CANCELLED, EXPIRED, UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryState> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
    }
}
