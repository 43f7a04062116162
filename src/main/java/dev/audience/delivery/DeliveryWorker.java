package dev.audience.delivery;

import dev.audience.campaign.Campaign;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends what the ledger says is due: claims rows (atomically, so no two workers take one), checks the
 * recipient can still get email, renders, hands the message to the relay, and records the outcome on the
 * row. Temporary failures are retried later by the retry policy; permanent ones fail the row, and a dead
 * mailbox marks the address bounced so later campaigns skip it.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    static final int BATCH = 20;

    private final DeliveryLedger ledger;
    private final CampaignStore campaigns;
    private final ProfileStore profiles;
    private final EmailRenderer renderer;
    private final EmailTransport transport;
    private final RetryPolicy retry;
    private final Clock clock;
    private final GroupCommit commits;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Released when rows are written, so idle threads start at once instead of at their next look. */
    private final Semaphore work = new Semaphore(0);
    private int count;
    private ExecutorService threads;

    public DeliveryWorker(DeliveryLedger ledger, CampaignStore campaigns, ProfileStore profiles, EmailRenderer renderer,
                          EmailTransport transport, RetryPolicy retry, Clock clock) {
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.profiles = profiles;
        this.renderer = renderer;
        this.transport = transport;
        this.retry = retry;
        this.clock = clock;
        this.commits = new GroupCommit(ledger, clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Claims and sends one batch; returns how many rows it handled (0 = nothing due). */
    public int runOnce() {
        List<Delivery> batch = ledger.claim(BATCH, now());
        if (batch.isEmpty()) return 0;
        Map<String, Campaign> byId = new HashMap<>();
        int[] ordinals = batch.stream().mapToInt(Delivery::ordinal).toArray();
        Map<Integer, Profile> recipients = new HashMap<>();
        for (Profile p : profiles.byOrdinals(ordinals)) recipients.put(p.ordinal(), p);
        for (Delivery d : batch) {
            try {
                Campaign c = byId.computeIfAbsent(d.campaignId(), id -> campaigns.find(id).orElse(null));
                deliver(d, c, recipients.get(d.ordinal()));
            } catch (RuntimeException e) {
                // a bug or an unexpected failure on one row must not leave it "sending" for ever
                LOG.warn("delivery {} failed unexpectedly", d.id(), e);
                commits.write(new Transition.Failed(d.id(), "internal error: " + e.getMessage()));
            }
        }
        return batch.size();
    }

    private void deliver(Delivery d, Campaign c, Profile p) {
        if (c == null) {
            commits.write(new Transition.Skipped(d.id(), "the campaign no longer exists"));
            return;
        }
        if (p == null) {
            commits.write(new Transition.Skipped(d.id(), "the profile was erased"));
            return;
        }
        if (p.email() == null || p.email().isBlank()) {
            commits.write(new Transition.Skipped(d.id(), "no email"));
            return;
        }
        if (p.emailStatus() != EmailStatus.SUBSCRIBED) {
            commits.write(new Transition.Skipped(d.id(), p.emailStatus().wireName()));
            return;
        }
        EmailMessage m = renderer.render(c, d, p);
        if (!commits.write(new Transition.Sending(d.id()))) return; // cancelled or expired since it was claimed
        SmtpOutcome outcome = transport.send(m);
        switch (outcome) {
            case SmtpOutcome.Delivered ok -> commits.write(new Transition.Sent(d.id(), ok.reply()));
            case SmtpOutcome.TemporaryFailure t -> {
                Optional<Instant> next = retry.next(d.attempts(), now());
                commits.write(next.isPresent() ? new Transition.Retry(d.id(), t.reply(), next.get())
                        : new Transition.Failed(d.id(), "gave up after " + d.attempts() + " attempts: " + t.reply()));
            }
            case SmtpOutcome.PermanentFailure f -> {
                commits.write(new Transition.Failed(d.id(), f.reply()));
                if (f.mailboxUnavailable()) profiles.setEmailStatus(p.ordinal(), EmailStatus.BOUNCED, now());
            }
        }
    }

    /** Sends until nothing is due now (tests, and the benchmark); returns how many rows were handled. */
    public int drain() {
        int total = 0;
        for (int n = runOnce(); n > 0; n = runOnce()) total += n;
        return total;
    }

    /** Runs {@code count} sending threads in the background; each looks again every {@code idleMillis} when idle. */
    public void start(int count, long idleMillis) {
        running.set(true);
        this.count = count;
        threads = Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "delivery");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < count; i++) {
            threads.submit(() -> {
                while (running.get()) {
                    try {
                        if (runOnce() == 0) work.tryAcquire(idleMillis, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        LOG.warn("delivery round failed", e);
                    }
                }
            });
        }
    }

    /** Waits up to {@code millis} for the workers to have something to report (benchmarks); returns at once when woken. */
    public void awaitIdle(long millis) throws InterruptedException {
        synchronized (this) {
            wait(millis);
        }
    }

    /** New rows were written: idle threads look now. */
    public void wake() {
        work.release(Math.max(1, count));
    }

    /** Stops taking new rows and lets the rows being sent finish (up to 30 s). */
    @Override
    public void close() {
        running.set(false);
        if (threads != null) {
            threads.shutdown();
            try {
                if (!threads.awaitTermination(30, TimeUnit.SECONDS)) threads.shutdownNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        commits.close();
    }

}
