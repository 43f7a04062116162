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

    /**
     * Takes up to {@code limit} due rows of one channel (queued, or retrying whose time has come) and marks
     * them claimed by {@code holder}'s node until its lease runs out.
     */
    List<Delivery> claim(NodeLease holder, String channel, int limit, Instant now);

    /**
     * One try of one device of a push row: the token, its platform, the outcome (accepted, token-invalid,
     * retry-later, failed) and the provider's reply.
     */
    record Attempt(long deliveryId, int attempt, String token, String platform, String outcome, String reply, Instant at) {}

    void recordAttempts(List<Attempt> attempts);

    /** The attempts recorded under these rows, by row then time. */
    List<Attempt> attempts(List<Long> deliveryIds);

    /**
     * One change of a row's state, for {@link #apply}. {@code Sending} is written right before a message is
     * handed over, and only succeeds while the row is still its worker's claim.
     */
    sealed interface Transition {
        long id();

        record Sending(long id) implements Transition {}

        record Sent(long id, String reply) implements Transition {}

        record Retry(long id, String reply, Instant at) implements Transition {}

        record Failed(long id, String reply) implements Transition {}

        record Skipped(long id, String reason) implements Transition {}

        /** Handed over, but the relay's reply was lost: it may have been delivered; never sent again. */
        record Unknown(long id, String reason) implements Transition {}

        /** A claimed row whose campaign was cancelled or expired before it was handed over. */
        record Closed(long id, DeliveryState state) implements Transition {}

        /** A claimed row not sent now (stopping, or its batch failed): queued again, its attempt given back. */
        record Release(long id) implements Transition {}
    }

    /**
     * Applies many rows' transitions in one transaction (group commit: the sending threads' changes share one
     * commit). Each result says whether that row was in the state the transition expects and still held by
     * {@code node}: a node whose rows were recovered by another changes nothing.
     */
    boolean[] apply(String node, List<Transition> transitions, Instant now);

    /**
     * Embedded start-up, before any worker runs (one process owns an embedded store): rows left sending become
     * unknown (counted, never re-sent), rows only claimed go back to queued (they had not left). Returns how
     * many became unknown.
     */
    int recover(Instant now);

    /**
     * Embedded start-up, before {@link #recover}: takes in what the handover journal held when the last run stopped,
     * for the rows {@code node} (that run) holds. A row with no answer read becomes unknown (never re-sent), one the
     * relay accepted becomes sent; one the relay refused is left to {@link #recover} (it had not been delivered).
     * Returns how many became unknown.
     */
    int recoverHandedOver(String node, List<HandoverJournal.Entry> entries, Instant now);

    /** Pushes the lease of every row {@code holder}'s node holds to {@link NodeLease#until}; returns how many. */
    int renewLeases(NodeLease holder, Instant now);

    /** What a recovery of expired leases did. */
    record Recovered(int queued, int unknown) {}

    /**
     * Any node, any time: rows held by a node whose lease ran out before {@code now} are recovered: claimed ones
     * go back to queued (they had not left), sending ones become unknown (never re-sent).
     */
    Recovered recoverExpired(Instant now);

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

    /** The rows of one test send of a campaign, in id order (at most as many as a test may reach). */
    List<Delivery> testRun(String campaignId, String run);

    /** The messages of one profile (test sends included), newest first. */
    List<Delivery> forProfile(int ordinal, int limit);

    /** Messages of a campaign opened and clicked at least once: {opened, clicked}. */
    long[] engagement(String campaignId);
}
