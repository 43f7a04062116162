package dev.audience.delivery;

import dev.audience.channel.email.EmailMessage;
import dev.audience.channel.email.ScriptedSmtpServer;
import dev.audience.channel.email.SmtpOutcome;
import dev.audience.channel.email.SmtpSender;
import dev.audience.channel.email.SmtpSettings;
import dev.audience.profile.EmailStatus;
import dev.audience.testing.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery worker on a relay that offers PIPELINING, where each message's outcome is reported during the next
 * message's send (its final dot goes out with the next envelope): every outcome still lands on its own row.
 */
class PipelinedLineDeliveryTest {
    private static final int RECIPIENTS = 12;

    @TempDir
    Path dir;

    /** The worker's transport over an SMTP sender, its lines included (as the application wires it). */
    private static EmailTransport over(SmtpSender smtp, Consumer<SmtpOutcome> afterEachOutcome) {
        return new EmailTransport() {
            @Override
            public SmtpOutcome send(EmailMessage message, BooleanSupplier beforeContent) {
                return smtp.send(message, beforeContent);
            }

            @Override
            public Line line() {
                SmtpSender.Line line = smtp.line();
                return Line.of((message, gate, outcome) -> line.send(message, gate, o -> {
                    outcome.accept(o);
                    afterEachOutcome.accept(o);
                }), line::settle, line::close);
            }
        };
    }

    private static SmtpSender sender(ScriptedSmtpServer relay) {
        return new SmtpSender(new SmtpSettings("127.0.0.1", relay.port(), SmtpSettings.Tls.NONE, Optional.empty(),
                Optional.empty(), 1, Duration.ofSeconds(5)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyOutcomeLandsOnItsOwnRowAndARefusedRecipientIsBounced(Backend backend) throws Exception {
        try (ListCampaignRig rig = new ListCampaignRig(backend, dir, "pl", RECIPIENTS);
             ScriptedSmtpServer relay = new ScriptedSmtpServer(true);
             SmtpSender smtp = sender(relay)) {
            relay.replyOnce("RCPT", "250 2.1.5 ok").replyOnce("RCPT", "250 2.1.5 ok")
                    .replyOnce("RCPT", "550 5.1.1 user unknown"); // the third message, before its gate
            relay.replyOnce(".", "250 2.0.0 queued").replyOnce(".", "250 2.0.0 queued")
                    .replyOnce(".", "451 4.3.0 try again later"); // the fourth message (the third accepted dot)

            DeliveryWorker worker = rig.worker(over(smtp, o -> { }), RateLimiter.unlimited());
            assertThat(worker.drain()).isEqualTo(RECIPIENTS);

            Map<DeliveryState, Long> counts = rig.ledger().counts(rig.campaign.id());
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryState.SENT, (long) RECIPIENTS - 2,
                    DeliveryState.FAILED, 1L, DeliveryState.RETRYING, 1L));
            assertThat(relay.accepted()).hasSize(RECIPIENTS - 2);
            assertThat(relay.pipelined()).as("dots went with the next envelope").anyMatch(c -> c.startsWith("MAIL FROM"));
            Delivery failed = rig.ledger().page(rig.campaign.id(), DeliveryState.FAILED, 0, 10).getFirst();
            assertThat(failed.reason()).contains("550 5.1.1");
            String bounced = failed.address();
            assertThat(rig.app.profiles().get(bounced.substring(0, bounced.indexOf('@'))).emailStatus())
                    .isEqualTo(EmailStatus.BOUNCED);
            Delivery retrying = rig.ledger().page(rig.campaign.id(), DeliveryState.RETRYING, 0, 10).getFirst();
            assertThat(retrying.reason()).as("the dot's own reply, read with the next envelope").contains("451 4.3.0");
            assertThat(relay.accepted()).noneMatch(data -> data.contains("To: " + bounced)
                    || data.contains("To: " + retrying.address()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCancelBetweenTwoMessagesOfALineStopsTheNextOneBeforeItsContent(Backend backend) throws Exception {
        try (ListCampaignRig rig = new ListCampaignRig(backend, dir, "pc", RECIPIENTS);
             ScriptedSmtpServer relay = new ScriptedSmtpServer(true);
             SmtpSender smtp = sender(relay)) {
            // The first outcome is read with the second message's envelope; the campaign is cancelled right then.
            DeliveryWorker worker = rig.worker(over(smtp, o -> rig.app.campaigns().cancel(rig.campaign.id())),
                    RateLimiter.unlimited());
            worker.drain();

            assertThat(relay.accepted()).as("only the first: the second's gate found the campaign cancelled").hasSize(1);
            Map<DeliveryState, Long> counts = rig.ledger().counts(rig.campaign.id());
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(DeliveryState.SENT, 1L,
                    DeliveryState.CANCELLED, (long) RECIPIENTS - 1));
        }
    }
}
