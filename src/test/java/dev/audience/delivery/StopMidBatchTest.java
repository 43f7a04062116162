package dev.audience.delivery;

import dev.audience.channel.email.SmtpOutcome;
import dev.audience.testing.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker stopped mid-claim: the message in hand is finished and recorded, the rest of the claimed rows go back
 * to the queue with the attempt the claim took given back; nothing is left claimed, sending or unknown.
 */
class StopMidBatchTest {
    private static final int RECIPIENTS = 12;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rowsNotReachedGoBackToTheQueueWithTheirAttempts(Backend backend) {
        try (ListCampaignRig rig = new ListCampaignRig(backend, dir, "sm", RECIPIENTS)) {
            AtomicReference<DeliveryWorker> worker = new AtomicReference<>();
            AtomicInteger handedOver = new AtomicInteger();
            EmailTransport stopAfterTwo = (message, gate) -> {
                SmtpOutcome outcome = rig.smtp.send(message, gate);
                if (handedOver.incrementAndGet() == 2) worker.get().close(); // the server stops meanwhile
                return outcome;
            };
            worker.set(rig.worker(stopAfterTwo, RateLimiter.unlimited()));
            assertThat(worker.get().runOnce()).as("rows taken: the two sent, then it stopped").isEqualTo(2);

            assertThat(rig.mail.getReceivedMessages()).hasSize(2);
            Map<DeliveryState, Long> counts = rig.ledger().counts(rig.campaign.id());
            assertThat(counts.get(DeliveryState.SENT)).isEqualTo(2L);
            assertThat(counts.get(DeliveryState.QUEUED)).as("not reached: queued again").isEqualTo(RECIPIENTS - 2L);
            assertThat(counts.getOrDefault(DeliveryState.SENDING, 0L) + counts.getOrDefault(DeliveryState.UNKNOWN, 0L)
                    + counts.getOrDefault(DeliveryState.CLAIMED, 0L)).as("nothing left held or in doubt").isZero();
            assertThat(rig.ledger().page(rig.campaign.id(), DeliveryState.QUEUED, 0, 100)).as("their attempts given back")
                    .allMatch(d -> d.attempts() == 0);
        }
    }
}
