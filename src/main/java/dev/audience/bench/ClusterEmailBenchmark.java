package dev.audience.bench;

import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.EmailContent;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.delivery.DeliveryState;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cluster mode's claim overhead: an email campaign over PostgreSQL through postfix's smtp-sink, first with
 * one node, then with two nodes on the same database (two servers in this JVM, each with its own sending
 * threads, campaign timer and lease rounds, as `audience serve` runs them); prints both rates and their ratio.
 * On two cores a second node adds no CPU, so the ratio shows what sharing the queue costs.
 */
public final class ClusterEmailBenchmark {
    private final Path dir;
    private final String postgresUrl;
    private final int recipients;
    private final int connections;
    private final int rounds;
    private final PrintStream out;

    public ClusterEmailBenchmark(Path dir, String postgresUrl, int recipients, int connections, int rounds, PrintStream out) {
        this.dir = dir;
        this.postgresUrl = postgresUrl;
        this.recipients = recipients;
        this.connections = connections;
        this.rounds = rounds;
        this.out = out;
    }

    public void run() throws Exception {
        PostfixTools postfix = PostfixTools.in(dir.resolve("tools"));
        int port = EmailBenchmark.freePort();
        Process sink = postfix.sink(port);
        try {
            Map<String, String> settings = new HashMap<>(Map.of("database.url", postgresUrl, "http.port", "0",
                    "log.level", "warn", "smtp.host", "127.0.0.1", "smtp.port", String.valueOf(port),
                    "smtp.connections", String.valueOf(connections), "smtp.rate", "0"));
            AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
            createRecipients(config);
            double[] one = new double[rounds];
            double[] two = new double[rounds];
            try (Application a = Application.open(config, Clock.systemUTC()).startHttp(config).startScheduler()) {
                segment(a);
                for (int r = 0; r < rounds; r++) { // alternating, so that the machine's other work falls on both alike
                    one[r] = campaign(a, "round " + (r + 1) + ", one node");
                    try (Application b = Application.open(config, Clock.systemUTC()).startHttp(config).startScheduler()) {
                        two[r] = campaign(a, "round " + (r + 1) + ", two nodes");
                    }
                }
            }
            double o = Medians.of(one);
            double t = Medians.of(two);
            out.printf("one node: %,.0f messages/s; two nodes: %,.0f messages/s (medians of %d); ratio %.2f (goal >= 0.90)%n",
                    o, t, rounds, t / o);
        } finally {
            sink.destroy();
            sink.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Recipients straight into PostgreSQL, before any node loads the live profiles (the API is not what this measures). */
    private void createRecipients(AudienceConfig config) throws Exception {
        try (Application app = Application.open(config, Clock.systemUTC())) {
            app.storage().ready(); // creates and migrates the schema
        }
        try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
            long have;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM profiles WHERE user_id LIKE 'cb%'")) {
                rs.next();
                have = rs.getLong(1);
            }
            if (have < recipients) {
                s.execute("INSERT INTO profiles (user_id, email, attributes, created_at, updated_at) SELECT 'cb' || i, "
                        + "'cb' || i || '@example.test', '{\"first_name\":\"Ada\"}', 0, 0 FROM generate_series(1, " + recipients
                        + ") AS i ON CONFLICT (user_id) DO NOTHING");
            }
        }
    }

    private void segment(Application app) {
        if (!app.segments().exists("bench-cluster")) {
            app.segments().create(new SegmentDraft("bench-cluster", "Cluster bench", null, SegmentType.DYNAMIC,
                    new DefinitionInput.Text("email is set"), null, false));
        }
        out.printf("audience: %,d%n", app.segments().members("bench-cluster").getLongCardinality());
    }

    /** One campaign to the segment, scheduled on {@code app}; the nodes' own timers start and finish it. */
    private double campaign(Application app, String what) throws Exception {
        String body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n").repeat(26);
        Campaign c = app.campaigns().create(new CampaignDraft("Cluster bench " + what, Campaign.EMAIL, List.of("bench-cluster"),
                List.of(), new EmailContent("Bench", "bench@example.test", null, "Hello {{ profile.first_name }}",
                "Hi {{ profile.first_name }},\n" + body + "\n{{ unsubscribe_url }}", null), null));
        long t = System.nanoTime();
        app.campaigns().schedule(c.id(), null);
        while (app.campaigns().get(c.id()).status() != CampaignStatus.SENT) {
            app.delivery().awaitIdle(1000); // this node's threads found nothing due; the timers close the campaign
            app.campaigns().tick();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        Map<DeliveryState, Long> counts = app.storage().ledger().counts(c.id());
        long sent = counts.getOrDefault(DeliveryState.SENT, 0L);
        out.printf("%s: %s in %.1f s%n", what, counts, seconds);
        return sent / seconds;
    }
}
