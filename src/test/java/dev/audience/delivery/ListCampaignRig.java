package dev.audience.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * For delivery tests that drive a worker themselves: a GreenMail relay on loopback, the application on a
 * temp directory, an SMTP sender to the relay, and an email campaign to a static list of {@code recipients}
 * profiles, scheduled and ticked (its rows queued).
 */
final class ListCampaignRig implements AutoCloseable {
    final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
    final Application app;
    final SmtpSender smtp;
    final Campaign campaign;

    ListCampaignRig(Backend backend, Path dir, String prefix, int recipients) {
        mail.start();
        Map<String, String> settings = new HashMap<>(backend.settings(dir));
        settings.put("http.port", "0");
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        app = Application.open(config, clock);
        smtp = new SmtpSender(new SmtpSettings("127.0.0.1", mail.getSmtp().getPort(), SmtpSettings.Tls.NONE,
                Optional.empty(), Optional.empty(), 1, Duration.ofSeconds(5)));
        List<String> users = IntStream.range(0, recipients).mapToObj(i -> prefix + "-" + i).toList();
        for (String u : users) {
            app.profiles().put(u, new ProfileChanges(Change.to(u + "@example.test"), Change.absent(), Change.absent(),
                    Change.absent(), Map.of()));
        }
        app.segments().create(new SegmentDraft(prefix + "-list", prefix, null, SegmentType.STATIC, null, null, false));
        app.staticMembers().add(prefix + "-list", users);
        campaign = app.campaigns().create(new CampaignDraft(prefix, "email", List.of(prefix + "-list"), List.of(),
                new EmailContent("A", "a@acme.test", null, "S", "T", null), null));
        app.campaigns().schedule(campaign.id(), null);
        app.campaigns().tick();
    }

    DeliveryLedger ledger() {
        return app.storage().ledger();
    }

    /** A worker of its own over this application's stores, sending through {@code transport}. */
    DeliveryWorker worker(EmailTransport transport, RateLimiter rate) {
        return new DeliveryWorker(ledger(), app.storage().campaigns(), app.storage().profiles(),
                new CampaignEmails(new dev.audience.campaign.template.EmailTemplates(),
                        new dev.audience.delivery.tracking.Signer(new byte[32]), "http://127.0.0.1", Optional.empty()),
                transport, rate, new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofHours(1)),
                new NodeLease(app.node(), Duration.ofSeconds(30)), app.handovers(), clock);
    }

    @Override
    public void close() {
        try {
            smtp.close();
            app.close();
        } finally {
            mail.stop();
        }
    }
}
