package dev.audience.delivery;

import dev.audience.delivery.DeliveryLedger.Transition;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger writer's promises at shutdown, against a ledger that stands in for a connection pool. */
class GroupCommitTest {

    /**
     * An outcome written without waiting (a delivered message's "sent") is still in the queue when the worker stops.
     * The ledger here waits as a connection pool does when all its connections are out: an interrupt ends that wait
     * with an error (HikariCP: "Interrupted during connection acquisition", the flag set again). Closing must let the
     * queued outcome reach the ledger, not interrupt it: otherwise the row stays "sending" and is counted unknown.
     */
    @Test
    void closeWritesTheQueuedOutcomeWithoutInterruptingTheLedger() throws Exception {
        CountDownLatch applying = new CountDownLatch(1);
        CountDownLatch connectionFree = new CountDownLatch(1);
        List<Transition> applied = Collections.synchronizedList(new ArrayList<>());
        DeliveryLedger ledger = (DeliveryLedger) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DeliveryLedger.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("apply")) throw new UnsupportedOperationException(method.getName());
                    applying.countDown();
                    try {
                        connectionFree.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted during connection acquisition", e);
                    }
                    @SuppressWarnings("unchecked") List<Transition> ts = (List<Transition>) args[1];
                    applied.addAll(ts);
                    boolean[] ok = new boolean[ts.size()];
                    Arrays.fill(ok, true);
                    return ok;
                });
        GroupCommit commits = new GroupCommit(ledger, "node-1", Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        commits.writeLater(new Transition.Sent(7, "250 ok"));
        applying.await();
        Thread closer = Thread.ofPlatform().start(commits::close);
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) Thread.onSpinWait(); // close() waits for the writer
        connectionFree.countDown();
        closer.join();

        assertThat(applied).containsExactly(new Transition.Sent(7, "250 ok"));
    }
}
