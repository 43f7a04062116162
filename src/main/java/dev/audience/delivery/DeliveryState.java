package dev.audience.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A ledger row's state. queued, claimed (taken by a worker), sending and retrying are pending; the rest are
 * final. In a cluster a row becomes sending when it is handed to the relay; an embedded server records the
 * hand-over in its journal instead ({@link HandoverJournal}), so there a claimed row may be on its way. unknown:
 * the process died while the row was being handed to the relay, so whether it left is not known; it is counted,
 * not re-sent. A claimed row that a crash caught before its hand-over goes back to queued: it had not left.
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
