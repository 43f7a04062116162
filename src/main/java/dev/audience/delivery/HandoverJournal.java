package dev.audience.delivery;

import java.util.List;

/**
 * The rows being handed to the relay right now, kept where a killed process leaves them behind: an embedded
 * server's durable "this message may have left" mark, which costs no ledger commit per message.
 *
 * <p>A sending thread records a row here before the message's content leaves ({@link #handingOver}), then what
 * the relay answered ({@link #answered}); once the ledger has committed the outcome, the entry is let go
 * ({@link #settled}). So after a crash the entries left say exactly which rows had left or were leaving: a row whose
 * content was on its way with no answer read is unknown (never sent again), a row the relay accepted is sent,
 * and a row the relay refused had not been delivered. With a pipelining relay a thread has at most one row
 * unanswered at a time, so a crash leaves at most one unknown row per connection.
 *
 * <p>Only for a store one process owns (embedded): after a crash the same data directory, and so this journal,
 * is read by the next start before any worker runs. A cluster marks rows "sending" in the shared ledger instead,
 * where any node can recover them.
 */
public interface HandoverJournal extends AutoCloseable {

    /** A row the journal holds: {@code answered} false means its content was leaving with no answer read. */
    record Entry(long deliveryId, boolean answered, boolean accepted) {}

    /**
     * Records that the content of row {@code deliveryId} is about to leave, before the first byte of it does;
     * returns the entry's slot. While every slot holds a row whose outcome the ledger has not committed yet, waits
     * up to {@code wait}: -1 if none came free by then or the thread was interrupted (its interrupt is kept).
     */
    int handingOver(long deliveryId, java.time.Duration wait);

    /** The relay answered the message in {@code slot}: accepted it (delivered) or refused it (not delivered). */
    void answered(int slot, boolean accepted);

    /** The ledger has committed the outcome of the row in {@code slot}, or its content was withheld: the entry is let go. */
    void settled(int slot);

    /** What the last run left in the journal when it stopped (read when the journal was opened). */
    List<Entry> leftByLastRun();

    /** Lets those entries go, once the ledger has taken in what they said (start-up, before any worker runs). */
    void forgetLeftByLastRun();

    /**
     * The node the header names, whose rows the entries are ("" when none): at start-up the last run's, after
     * {@link #beginRun} this run's.
     */
    String namedNode();

    /** Names this run's node, once the last run's entries are let go: the entries from now on are its rows. */
    void beginRun(String node);

    @Override
    void close();
}
