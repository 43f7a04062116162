package dev.audience.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The delivery ledger: the truth about every message (state store; claims are atomic). */
public interface DeliveryLedger {

    /** A row to write when sending starts: queued with its address, or skipped with a reason. */
    record NewRow(int ordinal, String address, DeliveryState state, String reason) {}

    /** Writes the rows of a send; a row that exists for (campaign, profile, channel) is left as it is. */
    int write(String campaignId, String channel, String testRun, List<NewRow> rows, Instant now);

    /** Takes up to {@code limit} due rows (queued, or retrying whose time has come) and marks them claimed. */
    List<Delivery> claim(int limit, Instant now);

    /** Marks a claimed row sending, right before it is handed over; false when it is no longer this claim's. */
    boolean sending(long id, Instant now);

    void sent(long id, String reply, Instant now);

    void retry(long id, String reply, Instant at, Instant now);

    void failed(long id, String reply, Instant now);

    void skipped(long id, String reason, Instant now);

    /**
     * After a stop or crash, before any worker runs: rows left sending become unknown (counted, never re-sent),
     * rows only claimed go back to queued (they had not left). Returns how many became unknown.
     */
    int recover(Instant now);

    /** Pending rows of a campaign become {@code state} (cancelled or expired). Returns how many. */
    int closePending(String campaignId, DeliveryState state, Instant now);

    /** Real (non-test) rows by state. */
    Map<DeliveryState, Long> counts(String campaignId);

    boolean anyPending(String campaignId);

    /** Rows of a campaign after id {@code afterId}, in id order, optionally only in one state. */
    List<Delivery> page(String campaignId, DeliveryState state, long afterId, int limit);

    /** Marks the first open or click of a row; false when it had been recorded already. */
    boolean opened(long id, Instant now);

    boolean clicked(long id, Instant now);

    java.util.Optional<Delivery> find(long id);

    /** Messages of a campaign opened and clicked at least once: {opened, clicked}. */
    long[] engagement(String campaignId);
}
