package dev.audience.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The campaigns cancelled while this process runs, for a worker that marks hand-overs in its own journal rather
 * than in the ledger: its hand-over cannot ask the ledger whether the campaign is still sending (that check is
 * what a ledger mark's commit did), so it asks here, after marking the row in its journal. A cancel records the
 * campaign here before it closes its pending rows: once a cancel has returned, no hand-over passes its check. One
 * that passed just before may still be sending (its row closed by the cancel meanwhile); its outcome is counted over
 * the cancel. A campaign stopped before this process started is seen in the status its claimed rows were read with.
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
