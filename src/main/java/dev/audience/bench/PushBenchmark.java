package dev.audience.bench;

import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.PushContent;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.delivery.DeliveryState;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A push campaign to N profiles with one device each, first all iOS through a local MockApnsServer (TLS,
 * HTTP/2, token authentication), then all Android through a local server speaking FCM v1; both providers run
 * in a JVM of their own, so this JVM's heap is the server's alone. Every outcome must reach the ledger
 * (the run fails unless every row ends sent). Prints notifications per second for each provider and the
 * heap in use after the last collection (run it with -Xmx256m to hold it to that).
 */
public final class PushBenchmark {
    private final Path dir;
    private final int notifications;
    private final PrintStream out;

    public PushBenchmark(Path dir, int notifications, PrintStream out) {
        this.dir = dir;
        this.notifications = notifications;
        this.out = out;
    }

    public void run() throws Exception {
        Path tools = dir.resolve("providers");
        Process providers = startProviders(tools);
        try {
            Map<String, Integer> ports = ports(providers);
            Path data = dir.resolve("data-" + notifications);
            Map<String, String> settings = new HashMap<>(Map.of("data.dir", data.toString(), "http.port", "0",
                    "log.level", "warn"));
            settings.put("apns.key_file", tools.resolve("AuthKey_" + PushBenchServers.KEY_ID + ".p8").toString());
            settings.put("apns.key_id", PushBenchServers.KEY_ID);
            settings.put("apns.team_id", PushBenchServers.TEAM_ID);
            settings.put("apns.topic", PushBenchServers.TOPIC);
            settings.put("apns.server", "127.0.0.1:" + ports.get("apns"));
            settings.put("apns.trust_file", tools.resolve("trust.pem").toString());
            settings.put("fcm.credentials_file", tools.resolve("service-account.json").toString());
            settings.put("fcm.endpoint", "http://127.0.0.1:" + ports.get("fcm"));
            AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
            if (!Files.exists(data.resolve("state.db"))) createProfiles(config, data);
            try (Application app = Application.open(config, Clock.systemUTC()).startHttp(config)) {
                app.push().start(4, 20);
                double ios = campaign(app, "ios");
                double android = campaign(app, "android");
                out.printf("APNs (MockApnsServer, TLS, HTTP/2): %,.0f notifications/s%n", ios);
                out.printf("FCM v1 (local server): %,.0f notifications/s%n", android);
                out.printf("goal >= 10,000/s each; heap in use after the last collection: %,d MB (max heap %,d MB; goal <= 256 MB)%n",
                        EmailBenchmark.peakHeapAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
        } finally {
            providers.getOutputStream().close(); // tells it to stop
            providers.destroy();
        }
    }

    private Process startProviders(Path tools) throws Exception {
        // The JDK's HttpServer closes keep-alive connections past 200 idle ones; the FCM sender keeps one per
        // request in flight (HTTP/1.1 on a cleartext test endpoint), so the server keeps them all.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dsun.net.httpserver.maxIdleConnections=4096", "-Dsun.net.httpserver.idleInterval=600"));
        if (Runtime.version().feature() >= 23) command.add("--sun-misc-unsafe-memory-access=allow");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PushBenchServers.class.getName(), tools.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Map<String, Integer> ports(Process providers) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(providers.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        Matcher m = line == null ? null : Pattern.compile("apns=(\\d+) fcm=(\\d+)").matcher(line);
        if (m == null || !m.matches()) throw new IllegalStateException("the provider servers did not start: " + line);
        return Map.of("apns", Integer.parseInt(m.group(1)), "fcm", Integer.parseInt(m.group(2)));
    }

    /** N iOS and N Android profiles with one device each, straight into SQLite (the API is not what this measures). */
    private void createProfiles(AudienceConfig config, Path data) throws Exception {
        try (Application app = Application.open(config, Clock.systemUTC())) {
            app.storage().ready();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("state.db").toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + (2L * notifications)
                    + ") INSERT INTO profiles (user_id, email, attributes, created_at, updated_at) SELECT 'p' || i, NULL, "
                    + "'{\"first_name\":\"Ada\",\"os\":\"' || (CASE WHEN i <= " + notifications + " THEN 'ios' ELSE 'android' END) "
                    + "|| '\"}', 0, 0 FROM n");
            s.execute("INSERT INTO push_tokens (token, ordinal, platform, created_at) SELECT printf('%064x', ordinal), ordinal, "
                    + "'ios', 0 FROM profiles WHERE json_extract(attributes, '$.os') = 'ios'");
            s.execute("INSERT INTO push_tokens (token, ordinal, platform, created_at) SELECT 'fcm-bench-device-' || ordinal, "
                    + "ordinal, 'android', 0 FROM profiles WHERE json_extract(attributes, '$.os') = 'android'");
        }
    }

    /** One campaign to every profile of one platform; returns notifications per second, ledger start included. */
    private double campaign(Application app, String os) throws Exception {
        String segment = "bench-" + os;
        if (!app.segments().exists(segment)) {
            app.segments().create(new SegmentDraft(segment, os, null, SegmentType.DYNAMIC,
                    new DefinitionInput.Text("os = \"" + os + "\""), null, false));
        }
        PushContent content = new PushContent("Hi {{ profile.first_name }}", "Your offer is waiting",
                "https://cdn.example.test/offer.png", "benchapp://offers/42",
                List.of(new PushContent.Action("open", "Open", "benchapp://offers/42"),
                        new PushContent.Action("later", "Later", "https://example.test/later")),
                Map.of("offer", "42"), new PushContent.Ios("default", 1, null, "offers", "active", null, null),
                new PushContent.Android("offers", "high", "#ff6600", null, null, null, null));
        Campaign c = app.campaigns().create(new CampaignDraft("Bench " + os, Campaign.PUSH, List.of(segment), List.of(),
                content, null));
        app.campaigns().schedule(c.id(), null);
        long t = System.nanoTime();
        app.campaigns().tick(); // the audience becomes ledger rows
        app.push().wake();
        while (!app.campaigns().tick().contains("sent " + c.id())) {
            app.push().awaitIdle(1000); // the sending threads found nothing more to send: the next tick may close it
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        Map<DeliveryState, Long> counts = app.storage().ledger().counts(c.id());
        long sent = counts.getOrDefault(DeliveryState.SENT, 0L);
        out.printf("%s ledger: %s (%.1f s)%n", os, counts, seconds);
        if (sent != notifications) throw new IllegalStateException("sent " + sent + " of " + notifications + ": " + counts);
        return sent / seconds;
    }
}
