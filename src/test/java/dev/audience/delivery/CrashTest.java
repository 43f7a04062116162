package dev.audience.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.audience.app.Application;
import dev.audience.channel.email.ScriptedSmtpServer;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.common.Change;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.profile.ProfileChanges;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender runs in a separate JVM and is killed with SIGKILL in the middle of a campaign, then started
 * again: the campaign finishes, no recipient gets two messages, every recipient without one has a ledger
 * row saying why, and the rows whose outcome was lost are no more than the messages that were in flight.
 */
class CrashTest {
    private static final int RECIPIENTS = 1500;
    private static final int CONNECTIONS = 2;

    @TempDir
    Path dir;

    @Test
    void aKilledSenderResumesWithoutSendingTwice() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        try {
            String campaign = prepare();
            Process first = sender(mail).process();
            assertThat(mail.waitForIncomingEmail(60_000, RECIPIENTS / 4)).as("a quarter has left").isTrue();
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int atKill = mail.getReceivedMessages().length;
            assertThat(atKill).as("killed mid-campaign").isLessThan(RECIPIENTS);

            Sender second = sender(mail);
            try {
                waitUntilSent(second.port(), campaign, mail);
            } finally {
                second.process().destroyForcibly();
                second.process().waitFor(30, TimeUnit.SECONDS);
            }

            Map<String, Integer> perRecipient = new HashMap<>();
            for (MimeMessage m : mail.getReceivedMessages()) perRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
            assertResumedWithoutSendingTwice(campaign, perRecipient);
        } finally {
            mail.stop();
        }
    }

    /**
     * On a relay that offers PIPELINING, where a message's final dot goes out with the next message's envelope, the
     * sender is killed while every connection waits for the reply to a dot the relay has accepted: those messages
     * (one per connection) are unknown, the ones whose envelope went with their dot are sent after the restart.
     */
    @Test
    void aKilledSenderOnAPipeliningRelayLeavesAtMostOneUnknownPerConnection() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(true).holdRepliesAfter(RECIPIENTS / 4)) {
            String campaign = prepare();
            Process first = sender(relay.port(), "0").process();
            assertThat(relay.awaitHolding(CONNECTIONS, 60_000)).as("every connection waits for a reply").isTrue();
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            relay.releaseReplies();
            assertThat(relay.accepted().size()).as("killed mid-campaign").isLessThan(RECIPIENTS);

            Sender second = sender(relay.port(), "0");
            try {
                waitUntilSent(second.port(), campaign, () -> relay.awaitAccepted(relay.accepted().size(), 500));
            } finally {
                second.process().destroyForcibly();
                second.process().waitFor(30, TimeUnit.SECONDS);
            }
            Map<String, Integer> perRecipient = new HashMap<>();
            for (String data : relay.accepted()) {
                Matcher to = TO.matcher(data);
                assertThat(to.find()).as("a To header in %s", data).isTrue();
                perRecipient.merge(to.group(1).strip(), 1, Integer::sum);
            }
            assertResumedWithoutSendingTwice(campaign, perRecipient);
            assertThat(perRecipient).as("the held ones were accepted: everyone has exactly one").hasSize(RECIPIENTS);
            assertThat(relay.pipelined()).as("dots went out with the next envelope").anyMatch(c -> c.startsWith("MAIL FROM"));
        }
    }

    private static final Pattern TO = Pattern.compile("(?m)^To: (.+)$");

    /** No recipient has two messages, one row per recipient, and the unknown rows no more than were in flight. */
    private void assertResumedWithoutSendingTwice(String campaign, Map<String, Integer> perRecipient) {
        assertThat(perRecipient.values()).as("no recipient has two messages").allMatch(n -> n == 1);

        try (Application app = Application.open(config(Map.of()), Clock.systemUTC())) {
            Map<DeliveryState, Long> counts = app.storage().ledger().counts(campaign);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).as("one row per recipient").isEqualTo(RECIPIENTS);
            long sent = counts.getOrDefault(DeliveryState.SENT, 0L);
            long unknown = counts.getOrDefault(DeliveryState.UNKNOWN, 0L);
            assertThat(unknown).as("no more unknown than were in flight").isLessThanOrEqualTo(CONNECTIONS);
            assertThat(sent + unknown).as("the ledger adds up").isEqualTo(RECIPIENTS);
            assertThat((long) perRecipient.size()).isBetween(sent, sent + unknown);
            List<Delivery> rows = app.storage().ledger().page(campaign, DeliveryState.UNKNOWN, 0, 100);
            assertThat(rows).allMatch(d -> d.reason() != null && d.reason().contains("unknown"));
            assertThat(app.campaigns().get(campaign).status().wireName()).isEqualTo("sent");
        }
    }

    private AudienceConfig config(Map<String, String> more) {
        Map<String, String> s = new HashMap<>(more);
        s.put("data.dir", dir.toString());
        s.put("log.level", "warn");
        return new ConfigLoader(Map.of()).load(Optional.empty(), s);
    }

    /** Profiles, a static segment of them and a campaign scheduled to start now, written before the sender runs. */
    private String prepare() {
        try (Application app = Application.open(config(Map.of()), Clock.systemUTC())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < RECIPIENTS; i++) {
                String id = "crash-" + i;
                app.profiles().put(id, new ProfileChanges(Change.to(id + "@example.test"), Change.absent(), Change.absent(),
                        Change.absent(), Map.of()));
                ids.add(id);
            }
            app.segments().create(new SegmentDraft("crash-list", "Crash list", null, SegmentType.STATIC, null, null, false));
            app.staticMembers().add("crash-list", ids);
            var c = app.campaigns().create(new CampaignDraft("Crash", "email", List.of("crash-list"), List.of(),
                    new EmailContent("Acme", "news@acme.test", null, "Hello {{ profile.user_id }}", "Hi", null), null));
            app.campaigns().schedule(c.id(), null);
            return c.id();
        }
    }

    private static final String KEY = "crash-test-bootstrap-key-0123456789";

    private record Sender(Process process, int port) {}

    /** `audience serve` in its own JVM, on this data directory, sending through the test's SMTP server (GreenMail: at 300/s). */
    private Sender sender(GreenMail mail) throws Exception {
        return sender(mail.getSmtp().getPort(), "300");
    }

    private Sender sender(int smtpPort, String rate) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.audience.Main",
                "serve", "--data", dir.toString(), "--port", "0");
        pb.environment().put("AUDIENCE_SMTP_HOST", "127.0.0.1");
        pb.environment().put("AUDIENCE_SMTP_PORT", String.valueOf(smtpPort));
        pb.environment().put("AUDIENCE_SMTP_CONNECTIONS", String.valueOf(CONNECTIONS));
        pb.environment().put("AUDIENCE_SMTP_RATE", rate);
        pb.environment().put("AUDIENCE_LOG_LEVEL", "warn");
        pb.environment().put("AUDIENCE_BOOTSTRAP_KEY", KEY);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("Audience listening on")) {
                port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip());
                break;
            }
        }
        assertThat(port).as("the sender started").isPositive();
        Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> { })); // keep its output flowing
        return new Sender(p, port);
    }

    /** Asks the running sender until the campaign is sent (bounded; between asks it waits for mail, never sleeps). */
    private void waitUntilSent(int port, String campaign, GreenMail mail) throws Exception {
        waitUntilSent(port, campaign, () -> mail.waitForIncomingEmail(500, mail.getReceivedMessages().length + 1));
    }

    /** Something that returns once more mail arrived or half a second passed. */
    private interface MailWait {
        void await() throws Exception;
    }

    private void waitUntilSent(int port, String campaign, MailWait moreMail) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ask = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/campaigns/" + campaign))
                .header("Authorization", "Bearer " + KEY).build();
        for (long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); System.nanoTime() < end; ) {
            String body = http.send(ask, HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"status\":\"sent\"")) return;
            moreMail.await();
        }
        throw new AssertionError("the campaign did not finish");
    }
}
