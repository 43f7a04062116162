package dev.audience.delivery;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.Recipients;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.CampaignStore;
import dev.audience.channel.email.EmailMessage;
import dev.audience.channel.email.SmtpOutcome;
import dev.audience.delivery.DeliveryLedger.Transition;
import dev.audience.profile.EmailStatus;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends what the ledger says is due: claims rows (atomically, so no two workers take one), checks the
 * recipient can still get email, renders, hands the message to the relay, and records the outcome on the
 * row. Temporary failures are retried later by the retry policy; permanent ones fail the row, and a dead
 * mailbox marks the address bounced so later campaigns skip it.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /**
     * Rows claimed at a time, shared by the sending threads ({@link SharedClaims}): each claim is a write
     * transaction that reads its rows' profiles and campaigns once.
     */
    static final int CLAIM = 400;
    /** The next claim starts when fewer rows than this are left, so the threads seldom wait for one. */
    private static final int LOW_WATER = 200;
    /** How long a hand-over waits for a journal slot when every one waits for its outcome's commit. */
    private static final java.time.Duration JOURNAL_WAIT = java.time.Duration.ofSeconds(10);

    /** A claimed row with the campaign (null: deleted) and profile (null: erased) its message needs. */
    private record Due(Delivery delivery, Campaign campaign, Profile profile) {}

    private final DeliveryLedger ledger;
    private final CampaignStore campaigns;
    private final ProfileStore profiles;
    private final EmailRenderer renderer;
    private final EmailTransport transport;
    private final RateLimiter rate;
    private final RetryPolicy retry;
    private final Clock clock;
    /** This node: recorded on the rows it claims; only its own rows' transitions succeed. */
    private final NodeLease holder;
    private final GroupCommit commits;
    /** Null: hand-overs are marked in the ledger ({@link Handovers.InLedger}). */
    private final HandoverJournal journal;
    private final StoppedCampaigns stopped;
    /** Set by close(): threads finish the row in hand; the claimed rows not reached are released. */
    private volatile boolean stopping;
    private final SendingThreads threads = new SendingThreads("delivery");
    private final SharedClaims<Due> claims = new SharedClaims<>(this::claimNext, due -> releaseQuietly(due.delivery()), LOW_WATER);

    public DeliveryWorker(DeliveryLedger ledger, CampaignStore campaigns, ProfileStore profiles, EmailRenderer renderer,
                          EmailTransport transport, RateLimiter rate, RetryPolicy retry, NodeLease holder, Handovers handovers,
                          Clock clock) {
        this.ledger = ledger;
        if (handovers instanceof Handovers.InJournal j && !j.journal().namedNode().equals(holder.node())) {
            // the next start takes in only the entries of rows claimed by the node the journal names
            throw new IllegalArgumentException("the handover journal is node " + j.journal().namedNode()
                    + "'s; this worker claims rows as " + holder.node());
        }
        this.journal = handovers instanceof Handovers.InJournal j ? j.journal() : null;
        this.stopped = handovers instanceof Handovers.InJournal j ? j.stopped() : null;
        this.holder = holder;
        this.campaigns = campaigns;
        this.profiles = profiles;
        this.renderer = renderer;
        this.transport = transport;
        this.rate = rate;
        this.retry = retry;
        this.clock = clock;
        this.commits = new GroupCommit(ledger, holder.node(), clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Sends rows from the shared claims until {@link #CLAIM} are handled, nothing is due, or the worker stops;
     * returns how many rows it took (0 = nothing due).
     */
    public int runOnce() {
        int taken = 0;
        try (EmailTransport.Line line = transport.line()) { // settles its last message when the round ends
            while (taken < CLAIM && !stopping) {
                Due due = claims.take(line::settle); // a claim, or a wait for one, first settles the line
                if (due == null) break;
                taken++;
                if (stopping) { // taken as the worker stopped: not sent now
                    line.settle();
                    releaseQuietly(due.delivery());
                    break;
                }
                try {
                    deliver(due.delivery(), due.campaign(), due.profile(), line);
                } catch (RuntimeException e) {
                    LOG.warn("a delivery stopped part way; its row goes back to the queue unless it was handed over", e);
                    line.settle();
                    releaseQuietly(due.delivery());
                }
            }
        }
        return taken;
    }

    /** Claims the next rows of the ledger, with their profiles and campaigns read once for all of them. */
    private List<Due> claimNext() {
        List<Delivery> batch = ledger.claim(holder, Campaign.EMAIL, CLAIM, now());
        if (batch.isEmpty()) return List.of();
        try {
            Map<Integer, Profile> recipients = new HashMap<>();
            for (Profile p : profiles.byOrdinals(batch.stream().mapToInt(Delivery::ordinal).toArray())) {
                recipients.put(p.ordinal(), p);
            }
            Map<String, Campaign> byId = new HashMap<>();
            List<Due> due = new ArrayList<>(batch.size());
            for (Delivery d : batch) {
                due.add(new Due(d, byId.computeIfAbsent(d.campaignId(), id -> campaigns.find(id).orElse(null)),
                        recipients.get(d.ordinal())));
            }
            return due;
        } catch (RuntimeException e) {
            batch.forEach(this::releaseQuietly); // not left claimed until the next start (or the lease runs out)
            throw e;
        }
    }

    private void releaseQuietly(Delivery d) {
        try {
            commits.write(new Transition.Release(d.id()));
        } catch (RuntimeException e) {
            LOG.warn("row {} stays claimed until the next start (cluster: until this node's lease runs out)", d.id(), e);
        }
    }

    private void deliver(Delivery d, Campaign c, Profile p, EmailTransport.Line line) {
        String skip = c == null ? "the campaign no longer exists" : p == null ? "the profile was erased"
                : Recipients.skipReason(p);
        if (skip != null) {
            line.settle(); // no final dot waits in the buffer while this thread waits for a commit
            commits.write(new Transition.Skipped(d.id(), skip));
            return;
        }
        EmailMessage m;
        try {
            m = renderer.render(c, d, p);
        } catch (RuntimeException e) {
            line.settle();
            commits.write(new Transition.Failed(d.id(), "the email could not be rendered: " + e.getMessage()));
            return;
        }
        // The send rate's permit is taken while the row is still only claimed: a cancel or a crash during the
        // wait leaves nothing in doubt. A wait first settles the line's message still waiting for its reply.
        try {
            rate.acquire(line::settle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            releaseQuietly(d);
            return;
        }
        Handover handover = new Handover(d, c, p);
        try {
            line.send(m, handover::mayGo, handover::ended);
        } catch (RuntimeException e) {
            // Marked in the journal, the row is still "claimed" in the ledger: released, it would be sent again
            // although its content may have left. It is unknown. (Marked in the ledger, it is "sending": the release
            // below changes nothing and it becomes unknown at the next start or once its lease runs out.)
            if (!handover.inJournalWithoutOutcome()) throw e;
            LOG.warn("row {}: the send stopped part way after its hand-over; it is unknown", d.id(), e);
            handover.lost(e);
        }
    }

    /**
     * One message from the moment it goes to the line: its hand-over mark and its outcome.
     *
     * <p>The mark is made when the relay is ready for the content (its 354 reply to DATA), and the content goes out
     * only once it is made. On a pipelining relay the reply to this line's message before has been read by then, so
     * that message's outcome is already recorded: a crash leaves at most one row per connection handed over with no
     * answer (it becomes unknown, never sent again).
     * <ul>
     * <li>In the ledger, the mark is the row's "sending", committed (the message waits for it) only while the row is
     * still this node's claim and its campaign still sending. The outcome queued before it commits with it or
     * before it.</li>
     * <li>In the journal, the mark is a memory write; the campaign is checked here (status as claimed, expiry, cancels
     * since). The journal keeps the row, and then the relay's answer, until the ledger has committed the outcome.</li>
     * </ul>
     * From the mark on, the row is never failed by guess nor released: if recording the outcome fails, the mark stays
     * and the row becomes unknown at the next start-up, or once this node's lease runs out (cluster); from the journal,
     * sent if it saw the relay accept the message, queued again if it saw the relay refuse it.
     */
    private final class Handover {
        private final Delivery d;
        private final Campaign c;
        private final Profile p;
        private CompletableFuture<Boolean> marking;
        /** The row's journal slot once marked there; -1 before (or when marking in the ledger). */
        private int slot = -1;
        /** No journal slot came free: the content was withheld and the row goes back to the queue. */
        private boolean journalFull;
        /** Its outcome was reported (or it was given up as lost). */
        private boolean ended;

        Handover(Delivery d, Campaign c, Profile p) {
            this.d = d;
            this.c = c;
            this.p = p;
        }

        /** The gate: marks the row handed over; true once marked, false when its campaign was cancelled or expired. */
        boolean mayGo() {
            if (journal == null) {
                marking = commits.writeAsync(new Transition.Sending(d.id()));
                return marking.join();
            }
            // The mark first, then the check: a cancel recorded before the check stops this message, and one recorded
            // after it finds the row marked (its outcome is then counted over the cancel, see the ledger's "sent").
            slot = journal.handingOver(d.id(), JOURNAL_WAIT);
            if (slot < 0) { // every slot waits for a ledger commit that does not come (the ledger is failing)
                LOG.warn("row {} withheld and queued again: no handover journal slot came free (outcomes are not being committed,"
                        + " or the worker is stopping)", d.id());
                journalFull = true;
                marking = CompletableFuture.completedFuture(false);
                return false;
            }
            boolean go = d.test() || stillSending();
            if (!go) {
                journal.settled(slot); // withheld: nothing left
                slot = -1;
            }
            marking = CompletableFuture.completedFuture(go);
            return go;
        }

        /** What the ledger's "sending" statement checks of the campaign, checked here for a journal mark. */
        private boolean stillSending() {
            return (c.status() == CampaignStatus.SCHEDULED || c.status() == CampaignStatus.SENDING)
                    && (c.expiresAt() == null || c.expiresAt().isAfter(now())) && !stopped.isStopped(c.id());
        }

        /** Marked in the journal and no outcome reported: its content may have left. */
        boolean inJournalWithoutOutcome() {
            return slot >= 0 && !ended;
        }

        /** The send failed after the hand-over and no outcome will come: unknown, never sent again. */
        void lost(RuntimeException e) {
            ended = true;
            try {
                write(new Transition.Unknown(d.id(), "the send stopped part way after the message was handed over: " + e));
            } catch (RuntimeException notRecorded) { // the journal keeps it: the next start makes it unknown
                LOG.warn("row {} could not be marked unknown now; it stays handed over", d.id(), notRecorded);
            }
        }

        /** What the relay did with it (reported during this line's next send at the latest). */
        void ended(SmtpOutcome outcome) {
            ended = true;
            boolean marked;
            try {
                // A message that failed before its gate (envelope refused, no connection) is marked in the ledger now,
                // so its outcome moves it on exactly as if it had got that far (and a cancel meanwhile still closes
                // it). With a journal the row is still claimed, which its outcome's statement takes as well.
                marked = marking != null ? marking.join() : journal != null || commits.write(new Transition.Sending(d.id()));
            } catch (RuntimeException e) {
                LOG.warn("row {} could not be marked sending; it goes back to the queue", d.id(), e);
                releaseQuietly(d);
                return;
            }
            try {
                record(marked, outcome);
            } catch (RuntimeException e) {
                LOG.warn("the outcome of row {} ({}) could not be recorded; it stays handed over", d.id(), outcome, e);
            }
        }

        private void record(boolean marked, SmtpOutcome outcome) {
            if (journalFull) {
                releaseQuietly(d);
                return;
            }
            if (!marked) {
                // the campaign was cancelled or expired since the claim: nothing left; close the row with that
                commits.write(new Transition.Closed(d.id(), closedState(d.campaignId())));
                return;
            }
            switch (outcome) {
                case SmtpOutcome.Delivered ok -> {
                    answered(true);
                    // Not waited for: this thread's next mark commits with it or after it (ledger), or the journal
                    // keeps the row until it is committed.
                    commits.writeAsync(new Transition.Sent(d.id(), ok.reply())).whenComplete(this::settled);
                }
                case SmtpOutcome.TemporaryFailure t -> {
                    answered(false);
                    Optional<Instant> next = retry.next(d.attempts(), now());
                    write(next.isPresent() ? new Transition.Retry(d.id(), t.reply(), next.get())
                            : new Transition.Failed(d.id(), "gave up after " + d.attempts() + " attempts: " + t.reply()));
                }
                case SmtpOutcome.PermanentFailure f -> {
                    answered(false);
                    write(new Transition.Failed(d.id(), f.reply()));
                    if (f.mailboxUnavailable()) profiles.setEmailStatus(p.ordinal(), EmailStatus.BOUNCED, now());
                }
                case SmtpOutcome.Unknown u -> write(new Transition.Unknown(d.id(), u.reason()));
            }
        }

        private void answered(boolean accepted) {
            if (slot >= 0) journal.answered(slot, accepted);
        }

        private void write(Transition t) {
            settled(commits.write(t), null);
        }

        /**
         * The outcome is committed: the journal lets the row go. If the commit failed, the journal keeps it, so the next
         * start records it (a slot that stays taken; when none is left, messages are withheld, see {@link #mayGo}).
         */
        private void settled(Boolean applied, Throwable failed) {
            if (failed != null) {
                LOG.warn("row {} could not be moved on ({}); it stays handed over", d.id(), failed.toString());
                return;
            }
            if (!applied) LOG.warn("row {}: its outcome found the row changed by someone else; the ledger keeps theirs", d.id());
            if (slot >= 0) {
                journal.settled(slot);
                slot = -1;
            }
        }
    }

    private DeliveryState closedState(String campaignId) {
        Campaign fresh = campaigns.find(campaignId).orElse(null);
        if (fresh == null) return DeliveryState.CANCELLED;
        boolean expired = fresh.status() == CampaignStatus.EXPIRED
                || (fresh.expiresAt() != null && !fresh.expiresAt().isAfter(now()));
        return expired ? DeliveryState.EXPIRED : DeliveryState.CANCELLED;
    }

    /** Sends until nothing is due now (tests, and the benchmark); returns how many rows were handled. */
    public int drain() {
        int total = 0;
        for (int n = runOnce(); n > 0; n = runOnce()) total += n;
        commits.flush();
        return total;
    }

    /** Runs {@code count} sending threads in the background; each looks again every {@code idleMillis} when idle. */
    public void start(int count, long idleMillis) {
        threads.start(count, idleMillis, this::runOnce);
    }

    /** Waits until a sending thread finds nothing due, or {@code millis} pass (benchmarks). */
    public void awaitIdle(long millis) throws InterruptedException {
        threads.awaitIdle(millis);
    }

    /** New rows were written: idle threads look now. */
    public void wake() {
        threads.wake();
    }

    /** Stops taking new rows and lets the rows being sent finish (up to 30 s). */
    @Override
    public void close() {
        stopping = true;
        threads.stop();
        claims.close();
        commits.close();
    }
}
