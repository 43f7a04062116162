package dev.audience.bench;

import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.delivery.DeliveryState;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A campaign of 2 KB emails to N recipients through postfix's smtp-sink, every outcome in the ledger, and
 * in the same run smtp-source against the same sink with the same number of persistent connections; prints
 * both rates, the ratio and the peak heap after collections (run it with -Xmx256m to hold it to that).
 */
public final class EmailBenchmark {
    private final Path dir;
    private final int recipients;
    private final int connections;
    private final PrintStream out;

    public EmailBenchmark(Path dir, int recipients, int connections, PrintStream out) {
        this.dir = dir;
        this.recipients = recipients;
        this.connections = connections;
        this.out = out;
    }

    public void run() throws Exception {
        PostfixTools postfix = PostfixTools.in(dir.resolve("tools"));
        int port = freePort();
        Process sink = postfix.sink(port);
        try {
            double reference = smtpSource(postfix, port);
            double ours = campaign(port);
            out.printf("smtp-source (%d persistent connections, 2 KB messages): %,.0f messages/s%n", connections, reference);
            out.printf("Audience campaign (same sink, %d connections, every outcome in the ledger): %,.0f messages/s%n",
                    connections, ours);
            out.printf("ratio: %.2f (goal >= 0.70); heap in use after the last collection: %,d MB (max heap %,d MB; goal <= 256 MB)%n",
                    ours / reference, peakHeapAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            sink.destroy();
            sink.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private double smtpSource(PostfixTools postfix, int port) throws Exception {
        int messages = Math.min(recipients, 200_000);
        long t = System.nanoTime();
        Process p = postfix.source(port, connections, messages, 2048);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("smtp-source failed");
        return messages / ((System.nanoTime() - t) / 1e9);
    }

    private double campaign(int port) throws Exception {
        Path data = freshDataDir();
        Map<String, String> settings = new HashMap<>(Map.of("data.dir", data.toString(), "http.port", "0",
                "log.level", "warn", "smtp.host", "127.0.0.1", "smtp.port", String.valueOf(port),
                "smtp.connections", String.valueOf(connections), "smtp.rate", "0"));
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        // About 2 KB in lines of 70 characters, as an email's text is written.
        String body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n").repeat(26);
        try (Application app = Application.open(config, Clock.systemUTC()).startHttp(config)) {
            app.segments().create(new SegmentDraft("bench-everyone-with-email", "With email", null, SegmentType.DYNAMIC,
                    new DefinitionInput.Text("email is set"), null, false));
            Campaign c = app.campaigns().create(new CampaignDraft("Bench", "email", List.of("bench-everyone-with-email"),
                    List.of(), new EmailContent("Bench", "bench@example.test", null, "Hello {{ profile.first_name }}",
                    "Hi {{ profile.first_name }},\n" + body + "\n{{ unsubscribe_url }}", null), null));
            app.campaigns().schedule(c.id(), null);
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            // As in the server, the senders run before the campaign starts; the tick writes the audience to the
            // ledger chunk by chunk and wakes them after each.
            app.delivery().start(connections, 50);
            app.campaigns().tick();
            out.printf("the audience written to the ledger (its first rows sent meanwhile): %.1f s%n", (System.nanoTime() - t) / 1e9);
            while (!app.campaigns().tick().contains("sent " + c.id())) {
                app.delivery().awaitIdle(1000);
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            double cpuPerMessage = (processCpuNanos() - cpu) / 1e3 / recipients;
            Map<DeliveryState, Long> counts = app.storage().ledger().counts(c.id());
            long sent = counts.getOrDefault(DeliveryState.SENT, 0L);
            out.printf("ledger: %s; %.1f s; this JVM's CPU time (all threads, user and system): %.0f µs per message%n",
                    counts, seconds, cpuPerMessage);
            if (sent != recipients) throw new IllegalStateException("sent " + sent + " of " + recipients + ": " + counts);
            return sent / seconds;
        }
    }

    /**
     * A data directory holding the N recipients' profiles and nothing else, the same for every run: the profiles are
     * written once into a template store, which each run copies. (Runs used to share one directory, so each run's
     * campaign found the ledger rows of all the runs before it, and later runs measured a bigger ledger.)
     */
    private Path freshDataDir() throws Exception {
        Path template = dir.resolve("profiles-" + recipients + ".db");
        Path data = dir.resolve("data-" + recipients);
        if (!Files.exists(template)) {
            BenchFiles.deleteTree(data);
            try (Application app = Application.open(profilesOnly(data), Clock.systemUTC())) {
                app.storage().ready(); // creates and migrates the stores
            }
            // Recipients straight into SQLite: the profile API is not what this measures.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("state.db").toAbsolutePath())) {
                try (Statement s = c.createStatement()) {
                    s.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " + (recipients - 1)
                            + ") INSERT INTO profiles (user_id, email, attributes, created_at, updated_at) "
                            + "SELECT 'r' || i, 'r' || i || '@example.test', '{\"first_name\":\"Ada\"}', 0, 0 FROM n");
                }
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM INTO '" + template.toAbsolutePath().toString().replace("'", "''") + "'");
                }
            }
        }
        BenchFiles.deleteTree(data);
        Files.createDirectories(data);
        Files.copy(template, data.resolve("state.db"));
        return data;
    }

    private AudienceConfig profilesOnly(Path data) {
        return new ConfigLoader(Map.of()).load(Optional.empty(), Map.of("data.dir", data.toString(), "log.level", "warn"));
    }

    /** CPU time of this whole process so far (every thread, user and kernel), where the JVM can tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Heap in use after the last collection, over all heap pools. */
    static long peakHeapAfterGc() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) peak += pool.getCollectionUsage().getUsed();
        }
        return peak;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
