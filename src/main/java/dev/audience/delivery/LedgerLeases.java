package dev.audience.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this node's claims alive and takes back those of nodes that are gone: every third of a lease it
 * renews the lease of each row it holds, then recovers rows whose lease ran out (claimed → queued, sending →
 * unknown). Renewing first means a node never recovers its own rows because its own timer ran late.
 */
public final class LedgerLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerLeases.class);

    private final DeliveryLedger ledger;
    private final NodeLease holder;
    private final Clock clock;
    private final Runnable requeued;
    private ScheduledExecutorService timer;

    /** {@code requeued} runs when rows went back to the queue, so idle workers look now. */
    public LedgerLeases(DeliveryLedger ledger, NodeLease holder, Clock clock, Runnable requeued) {
        this.ledger = ledger;
        this.holder = holder;
        this.clock = clock;
        this.requeued = requeued;
    }

    /** One round: renew, then recover. Returns what was recovered. */
    public DeliveryLedger.Recovered runOnce() {
        ledger.renewLeases(holder, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        DeliveryLedger.Recovered r = ledger.recoverExpired(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (r.unknown() > 0) {
            LOG.warn("{} messages were being sent by a node that stopped; marked unknown (never re-sent)", r.unknown());
        }
        if (r.queued() > 0) {
            LOG.info("{} rows claimed by a node that stopped went back to the queue", r.queued());
            requeued.run();
        }
        return r;
    }

    public void start() {
        long every = Math.max(1, holder.length().toMillis() / 3);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-leases");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("ledger lease round failed; the next one tries again", e);
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
