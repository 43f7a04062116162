package dev.audience.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.common.Change;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.delivery.DeliveryLedger.Transition;
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
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message being handed over when its campaign is cancelled, which then fails temporarily, must not go
 * out later: the hand-over checks the campaign, so the retried row is closed as cancelled, not sent.
 */
class CancelGuardTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRetryAfterACancelNeverLeaves(Backend backend) {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        Map<String, String> settings = new HashMap<>(backend.settings(dir));
        settings.put("http.port", "0");
        settings.put("smtp.host", "127.0.0.1");
        settings.put("smtp.port", String.valueOf(mail.getSmtp().getPort()));
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
        try (Application app = Application.open(config, clock).startHttp(config)) {
            app.profiles().put("cg-1", new ProfileChanges(Change.to("cg-1@example.test"), Change.absent(), Change.absent(),
                    Change.absent(), Map.of()));
            app.segments().create(new SegmentDraft("cg-list", "CG", null, SegmentType.STATIC, null, null, false));
            app.staticMembers().add("cg-list", List.of("cg-1"));
            Campaign c = app.campaigns().create(new CampaignDraft("Guard", "email", List.of("cg-list"), List.of(),
                    new EmailContent("A", "a@acme.test", null, "S", "T", null), null));
            app.campaigns().schedule(c.id(), null);
            app.campaigns().tick();
            DeliveryLedger ledger = app.storage().ledger();

            // a worker has claimed the row and is handing it over...
            NodeLease me = new NodeLease("cg-node", Duration.ofSeconds(30));
            Delivery row = ledger.claim(me, "email", 1, clock.instant()).get(0);
            assertThat(ledger.apply(me.node(), List.of(new Transition.Sending(row.id())), clock.instant())).containsExactly(true);
            // ...when the campaign is cancelled; then the relay answers 4xx
            app.campaigns().cancel(c.id());
            ledger.apply(me.node(), List.of(new Transition.Retry(row.id(), "451 try later", clock.instant().plusSeconds(60))),
                    clock.instant());

            clock.advance(Duration.ofMinutes(2));
            app.delivery().drain();
            assertThat(ledger.find(row.id()).orElseThrow().state()).isEqualTo(DeliveryState.CANCELLED);
            assertThat(mail.getReceivedMessages()).as("nothing left after the cancel").isEmpty();
            assertThat(ledger.anyPending(c.id())).isFalse();
        } finally {
            mail.stop();
        }
    }

    /**
     * The send rate's wait happens while the row is only claimed: a campaign cancelled during that wait
     * sends nothing, and its row ends cancelled rather than unknown.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCancelDuringTheRateWaitSendsNothing(Backend backend) throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RateLimiter.Ticker gate = new RateLimiter.Ticker() {
            @Override
            public long nanos() {
                return 0; // no time passes: every permit after the first must wait
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                waiting.countDown();
                release.await();
            }
        };
        try (ListCampaignRig rig = new ListCampaignRig(backend, dir, "rw", 2)) {
            DeliveryWorker worker = rig.worker(rig.smtp::send, new RateLimiter(1, gate));

            Thread sender = Thread.ofPlatform().start(worker::drain);
            waiting.await(); // the first message has left; the second waits for its permit
            rig.app.campaigns().cancel(rig.campaign.id());
            release.countDown();
            sender.join();

            assertThat(rig.mail.getReceivedMessages()).as("only the message before the cancel").hasSize(1);
            Map<DeliveryState, Long> counts = rig.ledger().counts(rig.campaign.id());
            assertThat(counts.get(DeliveryState.SENT)).isEqualTo(1L);
            assertThat(counts.get(DeliveryState.CANCELLED)).isEqualTo(1L);
            assertThat(counts).doesNotContainKey(DeliveryState.UNKNOWN);
        }
    }
}
