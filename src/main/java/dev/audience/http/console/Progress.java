package dev.audience.http.console;

import dev.audience.delivery.DeliveryState;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far a send has come, from its ledger counts: messages settled (sent, failed, skipped, cancelled, expired,
 * unknown) out of all of them, and the count of each state (every state listed, zeros included, in the ledger's order).
 */
public record Progress(long settled, long total, Map<DeliveryState, Long> counts) {
    static final Set<DeliveryState> PENDING =
            Set.of(DeliveryState.QUEUED, DeliveryState.CLAIMED, DeliveryState.SENDING, DeliveryState.RETRYING);

    static Progress of(Map<DeliveryState, Long> counts) {
        Map<DeliveryState, Long> all = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) all.put(s, counts.getOrDefault(s, 0L));
        long total = all.values().stream().mapToLong(Long::longValue).sum();
        long pending = all.entrySet().stream().filter(e -> PENDING.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        return new Progress(total - pending, total, all);
    }

    public int percent() {
        return total == 0 ? 0 : (int) (settled * 100 / total);
    }

    public long count(DeliveryState s) {
        return counts.getOrDefault(s, 0L);
    }

    /** The states with at least one message, for the table of counts. */
    public List<Map.Entry<DeliveryState, Long>> nonZero() {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0).toList();
    }
}
