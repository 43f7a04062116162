package dev.audience.delivery;

import java.util.Objects;

/**
 * Where a worker marks that a message is being handed to the relay, before its content leaves: the mark a crash
 * leaves behind, so that the row becomes unknown instead of being sent again.
 */
public sealed interface Handovers {

    /**
     * In the shared ledger: the row becomes "sending" in a commit that the message waits for, and that commit also
     * checks the claim and the campaign. Any node can recover it, so a cluster marks here.
     */
    record InLedger() implements Handovers {}

    /**
     * In this process's {@link HandoverJournal} (an embedded server, which alone owns its store): a memory write
     * instead of a commit to wait for. The campaign's status and expiry are checked against the campaign as
     * claimed and the cancels recorded in {@code stopped}.
     */
    record InJournal(HandoverJournal journal, StoppedCampaigns stopped) implements Handovers {
        public InJournal {
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(stopped, "stopped");
        }
    }
}
