package dev.audience.delivery;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.common.Change;
import dev.audience.delivery.DeliveryLedger.Transition;
import dev.audience.profile.ProfileChanges;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;
import dev.audience.segment.sql.Dialect;
import dev.audience.storage.Jdbc;
import dev.audience.storage.StateStores;
import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger writer's promises at shutdown, on the real SQLite ledger behind a real HikariCP pool. */
class GroupCommitTest {
    private static final String NODE = "group-commit-test";

    /**
     * An outcome written without waiting (a delivered message's "sent") is still in the queue when the worker stops,
     * while every pooled connection is out. HikariCP ends an interrupted wait for a connection with an error
     * ("Interrupted during connection acquisition"), so closing must let the queued outcome reach the ledger rather
     * than interrupt the writer: otherwise the row stays "sending" and is later counted unknown.
     */
    @Test
    void closeWritesTheQueuedOutcomeWhileThePoolIsExhausted() throws Exception {
        try (TestServer s = new TestServer(Backend.EMBEDDED)) {
            long row = oneRowSending(s);
            try (HikariDataSource onePooled = new HikariDataSource(oneConnectionPool(s))) {
                DeliveryLedger ledger = StateStores.open(new Jdbc(onePooled), Dialect.SQLITE).ledger();
                GroupCommit commits = new GroupCommit(ledger, NODE, s.clock);
                Connection taken = onePooled.getConnection(); // the pool is out of connections

                commits.writeAsync(new Transition.Sent(row, "250 ok")); // not waited for
                Thread writer = waitingForAPooledConnection();
                Thread closer = Thread.ofPlatform().start(commits::close);
                // Hand the connection back only once close() waits for the writer and the writer, not interrupted, still
                // waits for it; a writer that close() interrupted gives up instead, and the row stays "sending".
                while (closer.isAlive() && writer.isAlive()
                        && !(closer.getState() == Thread.State.TIMED_WAITING && stillWaiting(writer))) {
                    Thread.onSpinWait();
                }
                taken.close();
                closer.join();
            }
            Delivery d = s.app.storage().ledger().find(row).orElseThrow();
            assertThat(d.state()).isEqualTo(DeliveryState.SENT);
        }
    }

    /** The group commit's writer thread, once it waits in HikariCP for a connection. */
    private static Thread waitingForAPooledConnection() {
        while (true) {
            for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                if (t.getKey().getName().equals("ledger-writer") && stillWaiting(t.getKey())) return t.getKey();
            }
            Thread.onSpinWait();
        }
    }

    private static boolean stillWaiting(Thread writer) {
        if (writer.getState() != Thread.State.TIMED_WAITING || writer.isInterrupted()) return false;
        for (StackTraceElement frame : writer.getStackTrace()) {
            if (frame.getClassName().startsWith("com.zaxxer.hikari.pool.HikariPool") && frame.getMethodName().equals("getConnection")) return true;
        }
        return false;
    }

    /** A started one-recipient email campaign whose row this test's node has claimed and marked sending. */
    private static long oneRowSending(TestServer s) {
        s.app.profiles().put("gc-0", new ProfileChanges(Change.to("gc-0@example.test"), Change.absent(), Change.absent(),
                Change.absent(), Map.of()));
        s.app.segments().create(new SegmentDraft("gc-list", "List", null, SegmentType.STATIC, null, null, false));
        s.app.staticMembers().add("gc-list", List.of("gc-0"));
        Campaign c = s.app.campaigns().create(new CampaignDraft("Group commit", "email", List.of("gc-list"), List.of(),
                new EmailContent("Acme", "news@acme.test", null, "Hello", "Hi", null), null));
        s.app.campaigns().schedule(c.id(), null);
        assertThat(s.app.campaigns().tick()).contains("started " + c.id());
        DeliveryLedger ledger = s.app.storage().ledger();
        List<Delivery> claimed = ledger.claim(new NodeLease(NODE, Duration.ofMinutes(5)), Campaign.EMAIL, 1, s.clock.instant());
        assertThat(claimed).hasSize(1);
        long row = claimed.getFirst().id();
        assertThat(ledger.apply(NODE, List.of(new Transition.Sending(row)), s.clock.instant())).containsExactly(true);
        return row;
    }

    private static HikariConfig oneConnectionPool(TestServer s) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:sqlite:" + s.config.dataDir().resolve("state.db").toAbsolutePath());
        c.addDataSourceProperty("busy_timeout", "10000");
        c.setMaximumPoolSize(1);
        return c;
    }
}
