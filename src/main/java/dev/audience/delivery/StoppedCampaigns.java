package dev.audience.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The campaigns cancelled while this process runs, for a worker that marks hand-overs in its own journal rather
 * than in the ledger: its hand-over cannot ask the ledger whether the campaign is still sending (that check is
 * what a ledger mark's commit did), so it asks here. A cancel records the campaign before it closes its pending
 * rows, so no hand-over begins after a cancel has returned; a campaign stopped before this process started is
 * seen in the status its claimed rows were read with.
 */
public final class StoppedCampaigns {
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    public void stop(String campaignId) {
        stopped.add(campaignId);
    }

    public boolean isStopped(String campaignId) {
        return stopped.contains(campaignId);
    }
}
