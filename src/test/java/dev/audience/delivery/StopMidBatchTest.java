package dev.audience.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.channel.email.SmtpOutcome;
import dev.audience.channel.email.SmtpSender;
import dev.audience.channel.email.SmtpSettings;
import dev.audience.common.Change;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.profile.ProfileChanges;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;
import dev.audience.testing.Backend;
import dev.audience.testing.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker stopped mid-batch: the message in hand is finished and recorded, the rest of its claimed batch goes
 * back to the queue with the attempt its claim took given back; nothing is left claimed, sending or unknown.
 */
class StopMidBatchTest {
    private static final int RECIPIENTS = 12;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rowsNotReachedGoBackToTheQueueWithTheirAttempts(Backend backend) {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        Map<String, String> settings = new HashMap<>(backend.settings(dir));
        settings.put("http.port", "0");
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
        try (Application app = Application.open(config, clock);
             SmtpSender smtp = new SmtpSender(new SmtpSettings("127.0.0.1", mail.getSmtp().getPort(), SmtpSettings.Tls.NONE,
                     Optional.empty(), Optional.empty(), 1, Duration.ofSeconds(5)))) {
            List<String> users = IntStream.range(0, RECIPIENTS).mapToObj(i -> "sm-" + i).toList();
            for (String u : users) {
                app.profiles().put(u, new ProfileChanges(Change.to(u + "@example.test"), Change.absent(), Change.absent(),
                        Change.absent(), Map.of()));
            }
            app.segments().create(new SegmentDraft("sm-list", "SM", null, SegmentType.STATIC, null, null, false));
            app.staticMembers().add("sm-list", users);
            Campaign c = app.campaigns().create(new CampaignDraft("Stop", "email", List.of("sm-list"), List.of(),
                    new EmailContent("A", "a@acme.test", null, "S", "T", null), null));
            app.campaigns().schedule(c.id(), null);
            app.campaigns().tick();
            DeliveryLedger ledger = app.storage().ledger();

            AtomicReference<DeliveryWorker> worker = new AtomicReference<>();
            AtomicInteger handedOver = new AtomicInteger();
            EmailTransport stopAfterTwo = (message, gate) -> {
                SmtpOutcome outcome = smtp.send(message, gate);
                if (handedOver.incrementAndGet() == 2) worker.get().close(); // the server stops meanwhile
                return outcome;
            };
            worker.set(new DeliveryWorker(ledger, app.storage().campaigns(), app.storage().profiles(),
                    new CampaignEmails(new dev.audience.campaign.template.EmailTemplates(),
                            new dev.audience.delivery.tracking.Signer(new byte[32]), "http://127.0.0.1", Optional.empty()),
                    stopAfterTwo, RateLimiter.unlimited(), new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofHours(1)),
                    new NodeLease("sm-node", Duration.ofSeconds(30)), clock));
            assertThat(worker.get().runOnce()).as("the batch held every row").isEqualTo(RECIPIENTS);

            assertThat(mail.getReceivedMessages()).hasSize(2);
            Map<DeliveryState, Long> counts = ledger.counts(c.id());
            assertThat(counts.get(DeliveryState.SENT)).isEqualTo(2L);
            assertThat(counts.get(DeliveryState.QUEUED)).as("not reached: queued again").isEqualTo(RECIPIENTS - 2L);
            assertThat(counts.getOrDefault(DeliveryState.SENDING, 0L) + counts.getOrDefault(DeliveryState.UNKNOWN, 0L)
                    + counts.getOrDefault(DeliveryState.CLAIMED, 0L)).as("nothing left held or in doubt").isZero();
            assertThat(ledger.page(c.id(), DeliveryState.QUEUED, 0, 100)).as("their attempts given back")
                    .allMatch(d -> d.attempts() == 0);
        } finally {
            mail.stop();
        }
    }
}
