package dev.audience.delivery;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.channel.email.SmtpOutcome;
import dev.audience.delivery.DeliveryLedger.Transition;
import dev.audience.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded server marks hand-overs in its journal, not in the ledger: what the ledger makes of the journal after a
 * stop, and a cancel that closes a row whose message is leaving at that moment.
 */
class JournalHandoverTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalLeftByAStopSaysWhichRowsLeft(Backend backend) {
        try (ListCampaignRig rig = new ListCampaignRig(backend, dir, "jr", 6)) {
            DeliveryLedger ledger = rig.ledger();
            NodeLease node = new NodeLease("jr-node", Duration.ofSeconds(30));
            List<Delivery> rows = ledger.claim(node, "email", 5, rig.clock.instant());
            assertThat(rows).hasSize(5);
            long anotherNodes = ledger.claim(new NodeLease("another-node", Duration.ofSeconds(30)), "email", 1,
                    rig.clock.instant()).get(0).id();
            long leaving = rows.get(0).id(), accepted = rows.get(1).id(), refused = rows.get(2).id();
            long closedWhileLeaving = rows.get(3).id(), recorded = rows.get(4).id();
            assertThat(ledger.apply(node.node(), List.of(new Transition.Sent(recorded, "250 queued as A1")), rig.clock.instant()))
                    .as("a row marked in a journal is still claimed: its outcome takes it from there").containsExactly(true);
            ledger.apply(node.node(), List.of(new Transition.Closed(closedWhileLeaving, DeliveryState.CANCELLED)), rig.clock.instant());

            int unknown = ledger.recoverHandedOver(node.node(), List.of(new HandoverJournal.Entry(leaving, false, false),
                    new HandoverJournal.Entry(anotherNodes, false, false),
                    new HandoverJournal.Entry(accepted, true, true), new HandoverJournal.Entry(refused, true, false),
                    new HandoverJournal.Entry(closedWhileLeaving, false, false), new HandoverJournal.Entry(recorded, false, false)),
                    rig.clock.instant());

            assertThat(unknown).isEqualTo(2);
            assertThat(state(ledger, leaving)).isEqualTo(DeliveryState.UNKNOWN);
            assertThat(ledger.find(leaving).orElseThrow().reason()).contains("whether it left is unknown");
            assertThat(state(ledger, accepted)).isEqualTo(DeliveryState.SENT);
            assertThat(state(ledger, refused)).as("not delivered: left to the claims' recovery").isEqualTo(DeliveryState.CLAIMED);
            assertThat(state(ledger, anotherNodes)).as("not the journal's node's row: left alone").isEqualTo(DeliveryState.CLAIMED);
            assertThat(state(ledger, closedWhileLeaving)).as("it may have left after all").isEqualTo(DeliveryState.UNKNOWN);
            assertThat(ledger.find(recorded).orElseThrow()).as("an outcome the ledger has is kept")
                    .extracting(Delivery::state, Delivery::reason).containsExactly(DeliveryState.SENT, "250 queued as A1");
        }
    }

    /**
     * The ledger cannot tell that a claimed row's message is leaving, so a cancel closes it; the relay's acceptance
     * then says it was sent. The next row is not handed over: the cancel was recorded before the rows were closed.
     */
    @Test
    void aMessageLeavingAsItsCampaignIsCancelledIsCountedSentAndTheRestStay() {
        try (ListCampaignRig rig = new ListCampaignRig(Backend.EMBEDDED, dir, "jc", 3)) {
            List<Boolean> gates = new ArrayList<>();
            EmailTransport cancelDuringTheFirst = (message, gate) -> {
                boolean go = gate.getAsBoolean();
                gates.add(go);
                if (gates.size() == 1) rig.app.campaigns().cancel(rig.campaign.id());
                return go ? new SmtpOutcome.Delivered("250 2.0.0 queued") : new SmtpOutcome.TemporaryFailure("withheld");
            };
            assertThat(rig.app.handovers()).isInstanceOf(Handovers.InJournal.class);
            try (DeliveryWorker worker = rig.worker(cancelDuringTheFirst, RateLimiter.unlimited())) {
                worker.drain();
            }
            assertThat(gates).containsExactly(true, false, false);
            Map<DeliveryState, Long> counts = rig.ledger().counts(rig.campaign.id());
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryState.SENT, 1L, DeliveryState.CANCELLED, 2L));
        }
    }

    /** A campaign that expires between the claim and its row's turn: the row is not handed over, it is closed as expired. */
    @Test
    void aRowWhoseCampaignExpiredAfterTheClaimIsNotHandedOver() {
        try (ListCampaignRig rig = new ListCampaignRig(Backend.EMBEDDED, dir, "je", 1)) {
            rig.app.campaigns().cancel(rig.campaign.id()); // only the expiring campaign below has a row to send
            Campaign expiring = rig.app.campaigns().create(new CampaignDraft("Expiring", "email", List.of("je-list"), List.of(),
                    new EmailContent("A", "a@acme.test", null, "S", "T", null), rig.clock.instant().plus(Duration.ofHours(1))));
            rig.app.campaigns().schedule(expiring.id(), null);
            rig.app.campaigns().tick();
            List<Boolean> gates = new ArrayList<>();
            EmailTransport expiresOnTheWay = (message, gate) -> {
                rig.clock.advance(Duration.ofHours(2));
                gates.add(gate.getAsBoolean());
                return new SmtpOutcome.TemporaryFailure("withheld");
            };
            try (DeliveryWorker worker = rig.worker(expiresOnTheWay, RateLimiter.unlimited())) {
                worker.drain();
            }
            assertThat(gates).containsExactly(false);
            assertThat(rig.ledger().counts(expiring.id())).containsExactlyEntriesOf(Map.of(DeliveryState.EXPIRED, 1L));
        }
    }

    /**
     * No journal slot for the hand-over (here: the thread is interrupted, as when the worker stops): the content is
     * withheld and the row queued again with its attempt given back, so the next try sends it.
     */
    @Test
    void aHandOverWithoutAJournalSlotIsWithheldAndQueuedAgain() {
        try (ListCampaignRig rig = new ListCampaignRig(Backend.EMBEDDED, dir, "jf", 1)) {
            List<Boolean> gates = new ArrayList<>();
            EmailTransport interruptedOnce = (message, gate) -> {
                if (gates.isEmpty()) Thread.currentThread().interrupt();
                boolean go = gate.getAsBoolean();
                gates.add(go);
                Thread.interrupted();
                return go ? new SmtpOutcome.Delivered("250 2.0.0 queued") : new SmtpOutcome.TemporaryFailure("withheld");
            };
            try (DeliveryWorker worker = rig.worker(interruptedOnce, RateLimiter.unlimited())) {
                worker.drain();
            }
            assertThat(gates).containsExactly(false, true);
            Delivery row = rig.ledger().page(rig.campaign.id(), null, 0, 10).get(0);
            assertThat(row.state()).isEqualTo(DeliveryState.SENT);
            assertThat(row.attempts()).as("the withheld try gave its attempt back").isEqualTo(1);
        }
    }

    /** A send that breaks after the hand-over (its content may have left) makes the row unknown, never queued again. */
    @Test
    void aSendThatBreaksAfterTheHandOverIsUnknownNotQueuedAgain() {
        try (ListCampaignRig rig = new ListCampaignRig(Backend.EMBEDDED, dir, "jb", 1)) {
            EmailTransport breaksAfterTheGate = (message, gate) -> {
                assertThat(gate.getAsBoolean()).isTrue();
                throw new IllegalStateException("the connection's stream broke");
            };
            try (DeliveryWorker worker = rig.worker(breaksAfterTheGate, RateLimiter.unlimited())) {
                worker.drain();
            }
            Delivery row = rig.ledger().page(rig.campaign.id(), null, 0, 10).get(0);
            assertThat(row.state()).isEqualTo(DeliveryState.UNKNOWN);
            assertThat(row.reason()).contains("stopped part way");
        }
    }

    private static DeliveryState state(DeliveryLedger ledger, long id) {
        return ledger.find(id).orElseThrow().state();
    }
}
