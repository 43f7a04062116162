package dev.audience.cluster;

import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.delivery.Delivery;
import dev.audience.delivery.DeliveryState;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.RefreshSchedule;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;
import dev.audience.testing.Backend;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three `audience serve` nodes, each its own JVM, on one PostgreSQL database, sending one campaign to
 * 100,000 recipients through an SMTP server in this test. One node is killed with SIGKILL in mid-send and
 * another later; the last one finishes. No recipient gets two messages, every recipient without one has a
 * ledger row saying why, the ledger adds up to the audience, and the rows whose outcome was lost are no more
 * than the messages that were in flight at the kills. With the three nodes up, the campaign starts once and
 * a due segment refresh runs once.
 */
class ClusterCrashTest {
    private static final int RECIPIENTS = 100_000;
    private static final int CONNECTIONS = 8;
    private static final int LEASE_SECONDS = 3;
    private static final String KEY = "cluster-test-bootstrap-key-0123456789";

    @TempDir
    Path dir;

    private String databaseUrl;
    private final ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();

    private record Node(Process process, int port) {}

    @Test
    void threeNodesTwoKilledNothingSentTwiceNothingForgotten() throws Exception {
        databaseUrl = Backend.POSTGRES.settings(dir).get("database.url");
        long t0 = System.nanoTime();
        String campaign = prepare();
        System.out.printf("cluster crash test: prepared in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (CountingSmtpServer smtp = new CountingSmtpServer()) {
            List<Node> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) nodes.add(node(smtp, i));
                // with the three up: the campaign becomes due, and so does the refresh of a segment
                System.out.printf("cluster crash test: three nodes up at %.1f s%n", (System.nanoTime() - t0) / 1e9);
                schedule(campaign);
                sql("UPDATE segments SET next_refresh_at = 0 WHERE key = 'cluster-refreshed'");

                assertThat(smtp.awaitTotal(RECIPIENTS / 4, 120_000)).as("a quarter has left").isTrue();
                kill(nodes.get(0));
                int atFirstKill = smtp.total();
                assertThat(smtp.awaitTotal(atFirstKill + RECIPIENTS / 4, 120_000)).as("another quarter has left").isTrue();
                kill(nodes.get(1));
                assertThat(smtp.total()).as("killed mid-campaign").isLessThan(RECIPIENTS);
                System.out.printf("cluster crash test: second kill at %.1f s%n", (System.nanoTime() - t0) / 1e9);
                waitUntilSent(nodes.get(2).port(), campaign, smtp);
                System.out.printf("cluster crash test: sent at %.1f s%n", (System.nanoTime() - t0) / 1e9);
            } finally {
                for (Node n : nodes) kill(n);
            }

            Map<String, Integer> perRecipient = smtp.perRecipient();
            assertThat(perRecipient.values()).as("no recipient has two messages").allMatch(n -> n == 1);
            try (Application app = Application.open(config(), Clock.systemUTC())) {
                Map<DeliveryState, Long> counts = app.storage().ledger().counts(campaign);
                long total = counts.values().stream().mapToLong(Long::longValue).sum();
                assertThat(total).as("one row per recipient: " + counts).isEqualTo(RECIPIENTS);
                long sent = counts.getOrDefault(DeliveryState.SENT, 0L);
                long unknown = counts.getOrDefault(DeliveryState.UNKNOWN, 0L);
                assertThat(sent + unknown).as("the ledger adds up: " + counts).isEqualTo(RECIPIENTS);
                assertThat(unknown).as("no more unknown than were in flight at the kills").isLessThanOrEqualTo(CONNECTIONS * 2);
                assertThat((long) perRecipient.size()).isBetween(sent, sent + unknown);
                // every recipient without a message has a row saying why
                for (Delivery d : app.storage().ledger().page(campaign, DeliveryState.UNKNOWN, 0, 100)) {
                    assertThat(d.reason()).contains("stopped while this message was being sent");
                }
                List<String> missing = new ArrayList<>();
                for (long after = 0; ; ) {
                    List<Delivery> page = app.storage().ledger().page(campaign, null, after, 10_000);
                    if (page.isEmpty()) break;
                    for (Delivery d : page) {
                        if (!perRecipient.containsKey(d.address()) && d.state() != DeliveryState.UNKNOWN) missing.add(d.address());
                    }
                    after = page.get(page.size() - 1).id();
                }
                assertThat(missing).as("recipients with no message and no reason").isEmpty();
                assertThat(app.campaigns().get(campaign).status().wireName()).isEqualTo("sent");
                assertThat(app.segments().history("cluster-refreshed", 10)).as("the due refresh ran once").hasSize(2);
            }
            assertThat(logs.stream().filter(l -> l.contains("campaign " + campaign + " started")).count())
                    .as("the campaign started once: " + logs).isEqualTo(1);
        }
    }

    private AudienceConfig config() {
        Map<String, String> s = new HashMap<>();
        s.put("database.url", databaseUrl);
        s.put("data.dir", dir.toString());
        s.put("log.level", "warn");
        return new ConfigLoader(Map.of()).load(Optional.empty(), s);
    }

    /** Migrates, writes the profiles straight into PostgreSQL (the profile API is not under test), two segments, a draft campaign. */
    private String prepare() throws Exception {
        try (Application app = Application.open(config(), Clock.systemUTC())) {
            app.storage().ready();
        }
        sql("INSERT INTO profiles (user_id, email, attributes, created_at, updated_at) "
                + "SELECT 'c' || i, 'c' || i || '@example.test', '{}', 0, 0 FROM generate_series(0, " + (RECIPIENTS - 1) + ") i");
        try (Application app = Application.open(config(), Clock.systemUTC())) {
            app.segments().create(new SegmentDraft("cluster-all", "All", null, SegmentType.DYNAMIC,
                    new DefinitionInput.Text("email is set"), null, false));
            app.segments().create(new SegmentDraft("cluster-refreshed", "Refreshed hourly", null, SegmentType.DYNAMIC,
                    new DefinitionInput.Text("email is set"), new RefreshSchedule.Every(Duration.ofHours(1)), false));
            Campaign c = app.campaigns().create(new CampaignDraft("Cluster", "email", List.of("cluster-all"), List.of(),
                    new EmailContent("Acme", "news@acme.test", null, "Hello {{ profile.user_id }}", "Hi", null), null));
            return c.id();
        }
    }

    private void schedule(String campaign) {
        try (Application app = Application.open(config(), Clock.systemUTC())) {
            app.campaigns().schedule(campaign, null);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** `audience serve` in its own JVM on the shared database, sending through the test's SMTP server. */
    private Node node(CountingSmtpServer smtp, int i) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.audience.Main", "serve", "--data", dir.resolve("node-" + i).toString(), "--port", "0");
        Map<String, String> env = pb.environment();
        env.put("AUDIENCE_DATABASE_URL", databaseUrl);
        env.put("AUDIENCE_SMTP_HOST", "127.0.0.1");
        env.put("AUDIENCE_SMTP_PORT", String.valueOf(smtp.port()));
        env.put("AUDIENCE_SMTP_CONNECTIONS", String.valueOf(CONNECTIONS));
        env.put("AUDIENCE_CLUSTER_LEASE_SECONDS", String.valueOf(LEASE_SECONDS));
        env.put("AUDIENCE_SEGMENTS_REFRESH_CHECK_SECONDS", "1");
        env.put("AUDIENCE_LOG_LEVEL", "info");
        env.put("AUDIENCE_BOOTSTRAP_KEY", KEY);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            logs.add("node " + i + ": " + line);
            if (line.startsWith("Audience listening on")) {
                port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip());
                break;
            }
        }
        assertThat(port).as("node " + i + " started: " + logs).isPositive();
        Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> {
            if (l.contains("campaign") || l.contains("node") || l.contains("ERROR")) logs.add("node " + i + ": " + l);
        }));
        return new Node(p, port);
    }

    private static void kill(Node n) throws InterruptedException {
        n.process().destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        assertThat(n.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Asks the surviving node until the campaign is sent (bounded; between asks it waits for mail, never sleeps). */
    private static void waitUntilSent(int port, String campaign, CountingSmtpServer smtp) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ask = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/campaigns/" + campaign))
                .header("Authorization", "Bearer " + KEY).build();
        for (int round = 0; round < 600; round++) {
            String body = http.send(ask, HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"status\":\"sent\"")) return;
            smtp.awaitTotal(smtp.total() + 1, 500);
        }
        throw new AssertionError("the campaign did not finish");
    }
}
