package dev.audience.cluster;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.EmailContent;
import dev.audience.common.Change;
import dev.audience.delivery.Delivery;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.delivery.DeliveryLedger.Transition;
import dev.audience.delivery.DeliveryState;
import dev.audience.delivery.NodeLease;
import dev.audience.profile.ProfileChanges;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;
import dev.audience.testing.Backend;
import dev.audience.testing.MutableClock;
import dev.audience.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two (or three) nodes on one PostgreSQL database in one JVM: claims carry the node and its lease, a dead
 * node's rows are recovered by a live one (claimed → queued, sending → unknown), a live node's rows are
 * left alone (by a node starting, too), and two nodes starting a campaign at once write each row once.
 */
class ClusterLedgerTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void aDeadNodesRowsAreRecoveredAndItsLateWritesChangeNothing() {
        try (TestServer a = new TestServer(Backend.POSTGRES)) {
            MutableClock clock = a.clock;
            try (TestServer b = TestServer.joining(a, clock, Map.of())) {
                String campaign = startCampaign(a, 3, "dead");
                DeliveryLedger ledger = a.app.storage().ledger();
                NodeLease nodeA = new NodeLease(a.app.node(), LEASE);
                List<Delivery> held = ledger.claim(nodeA, Campaign.EMAIL, 3, clock.instant());
                assertThat(held).hasSize(3);
                long inFlight = held.get(0).id();
                assertThat(ledger.apply(nodeA.node(), List.of(new Transition.Sending(inFlight)), clock.instant())).containsExactly(true);

                // a node starting, and a live node's rounds, leave a live node's rows alone
                try (TestServer c = TestServer.joining(a, clock, Map.of())) {
                    assertThat(c.app.node()).isNotIn(a.app.node(), b.app.node());
                }
                assertThat(b.app.leases().runOnce()).isEqualTo(new DeliveryLedger.Recovered(0, 0));
                assertThat(ledger.counts(campaign)).containsEntry(DeliveryState.CLAIMED, 2L).containsEntry(DeliveryState.SENDING, 1L);

                // node a stops renewing (killed): after its lease, node b recovers its rows
                clock.advance(LEASE.plusSeconds(1));
                assertThat(b.app.leases().runOnce()).isEqualTo(new DeliveryLedger.Recovered(2, 1));
                Delivery lost = ledger.find(inFlight).orElseThrow();
                assertThat(lost.state()).isEqualTo(DeliveryState.UNKNOWN);
                assertThat(lost.reason()).contains(a.app.node()).contains("unknown");

                // node a wakes up late: its writes find the rows no longer its own
                assertThat(ledger.apply(nodeA.node(), List.of(new Transition.Sent(inFlight, "250 ok"),
                        new Transition.Sending(held.get(1).id())), clock.instant())).containsExactly(false, false);

                // the queued rows are node b's to send now, and node a cannot touch them
                NodeLease nodeB = new NodeLease(b.app.node(), LEASE);
                List<Delivery> taken = ledger.claim(nodeB, Campaign.EMAIL, 10, clock.instant());
                assertThat(taken).extracting(Delivery::id).containsExactlyInAnyOrder(held.get(1).id(), held.get(2).id());
                assertThat(taken).allMatch(d -> d.attempts() == 1); // the dead node's attempt was given back
                assertThat(ledger.apply(nodeA.node(), List.of(new Transition.Skipped(held.get(1).id(), "late")), clock.instant()))
                        .containsExactly(false);
                assertThat(ledger.apply(nodeB.node(), List.of(new Transition.Sending(held.get(1).id())), clock.instant()))
                        .containsExactly(true);
            }
        }
    }

    @Test
    void aLiveNodeRenewsItsLeaseAndKeepsItsRows() {
        try (TestServer a = new TestServer(Backend.POSTGRES)) {
            MutableClock clock = a.clock;
            try (TestServer b = TestServer.joining(a, clock, Map.of())) {
                String campaign = startCampaign(a, 2, "live");
                DeliveryLedger ledger = a.app.storage().ledger();
                NodeLease nodeA = new NodeLease(a.app.node(), LEASE);
                assertThat(ledger.claim(nodeA, Campaign.EMAIL, 2, clock.instant())).hasSize(2);
                clock.advance(LEASE.dividedBy(3));
                assertThat(ledger.renewLeases(nodeA, clock.instant())).isEqualTo(2);
                clock.advance(LEASE.minusSeconds(1)); // past the first lease, within the renewed one
                assertThat(b.app.leases().runOnce()).isEqualTo(new DeliveryLedger.Recovered(0, 0));
                assertThat(ledger.counts(campaign)).containsEntry(DeliveryState.CLAIMED, 2L);
            }
        }
    }

    @Test
    void twoNodesTickingAtOnceStartACampaignOnceAndSendEachMessageOnce() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        Map<String, String> smtp = Map.of("smtp.host", "127.0.0.1", "smtp.port", String.valueOf(mail.getSmtp().getPort()));
        try (TestServer a = new TestServer(Backend.POSTGRES, smtp);
             TestServer b = TestServer.joining(a, a.clock, smtp)) {
            int recipients = 1000; // more than one claim (400 rows), so each node claims a share
            String campaign = scheduleCampaign(a, recipients, "tick");
            for (int round = 0; round < 5; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<List<String>> tickA = CompletableFuture.supplyAsync(() -> tickAfter(together, a));
                CompletableFuture<List<String>> tickB = CompletableFuture.supplyAsync(() -> tickAfter(together, b));
                List<String> done = new ArrayList<>(tickA.get());
                done.addAll(tickB.get());
                assertThat(done.stream().filter(s -> s.startsWith("started")).count()).as("started at most once a round")
                        .isLessThanOrEqualTo(1);
            }
            DeliveryLedger ledger = a.app.storage().ledger();
            assertThat(a.app.campaigns().get(campaign).status()).isEqualTo(CampaignStatus.SENDING);
            assertThat(ledger.counts(campaign)).isEqualTo(Map.of(DeliveryState.QUEUED, (long) recipients));

            CompletableFuture<Integer> drainA = CompletableFuture.supplyAsync(() -> a.app.delivery().drain());
            CompletableFuture<Integer> drainB = CompletableFuture.supplyAsync(() -> b.app.delivery().drain());
            assertThat(drainA.get() + drainB.get()).isEqualTo(recipients);
            assertThat(drainA.get()).as("both nodes took a share").isPositive();
            assertThat(drainB.get()).as("both nodes took a share").isPositive();
            assertThat(ledger.counts(campaign)).isEqualTo(Map.of(DeliveryState.SENT, (long) recipients));
            Map<String, Integer> perRecipient = new HashMap<>();
            for (MimeMessage m : mail.getReceivedMessages()) perRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
            assertThat(perRecipient).hasSize(recipients);
            assertThat(perRecipient.values()).allMatch(n -> n == 1);
        } finally {
            mail.stop();
        }
    }

    /** A node that has not synced yet starts a campaign from the segment another node just filled, not from nothing. */
    @Test
    void aNodeStartingACampaignUsesTheNewestSegmentVersionInTheStore() {
        try (TestServer a = new TestServer(Backend.POSTGRES);
             TestServer b = TestServer.joining(a, a.clock, Map.of())) {
            String campaign = scheduleCampaign(a, 30, "stale"); // the list is filled on a; b has run no sync round
            assertThat(b.app.campaigns().tick()).contains("started " + campaign);
            assertThat(a.app.storage().ledger().counts(campaign)).isEqualTo(Map.of(DeliveryState.QUEUED, 30L));
        }
    }

    private static List<String> tickAfter(CyclicBarrier together, TestServer node) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return node.app.campaigns().tick();
    }

    private static String startCampaign(TestServer s, int recipients, String prefix) {
        String id = scheduleCampaign(s, recipients, prefix);
        assertThat(s.app.campaigns().tick()).contains("started " + id);
        return id;
    }

    private static String scheduleCampaign(TestServer s, int recipients, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            String id = prefix + "-" + i;
            s.app.profiles().put(id, new ProfileChanges(Change.to(id + "@example.test"), Change.absent(), Change.absent(),
                    Change.absent(), Map.of()));
            ids.add(id);
        }
        s.app.segments().create(new SegmentDraft(prefix + "-list", "List", null, SegmentType.STATIC, null, null, false));
        s.app.staticMembers().add(prefix + "-list", ids);
        Campaign c = s.app.campaigns().create(new CampaignDraft("Cluster " + prefix, "email", List.of(prefix + "-list"), List.of(),
                new EmailContent("Acme", "news@acme.test", null, "Hello {{ profile.user_id }}", "Hi", null), null));
        s.app.campaigns().schedule(c.id(), null);
        return c.id();
    }
}
