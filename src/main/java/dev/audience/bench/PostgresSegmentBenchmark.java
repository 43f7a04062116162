package dev.audience.bench;

import dev.audience.app.Application;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentType;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The segment refresh benchmark's PostgreSQL part: smaller data, generated in SQL, reused when present. */
final class PostgresSegmentBenchmark {
    private final String url;
    private final long events;
    private final int users;
    private final int runs;
    private final List<SegmentBenchmark.Case> cases;
    private final PrintStream out;

    PostgresSegmentBenchmark(String url, long events, int users, int runs, List<SegmentBenchmark.Case> cases, PrintStream out) {
        this.url = url;
        this.events = events;
        this.users = users;
        this.runs = runs;
        this.cases = cases;
        this.out = out;
    }

    void run() throws SQLException {
        Instant now = Instant.now();
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(),
                Map.of("database.url", url, "log.level", "warn"));
        try (Application app = Application.open(config, Clock.systemUTC())) {
            // opening migrates the schema
            app.storage().ready();
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            long have = count(s, "SELECT count(*) FROM events");
            if (have < events) {
                out.printf("%nbuilding the PostgreSQL data set: %,d users, %,d events...%n", users, events);
                long t = System.nanoTime();
                long ms = now.toEpochMilli();
                s.execute("INSERT INTO profiles (user_id, created_at, updated_at) SELECT 'u' || lpad(g::text, 7, '0'), "
                        + ms + ", " + ms + " FROM generate_series(0, " + (users - 1) + ") g ON CONFLICT (user_id) DO NOTHING");
                long min = count(s, "SELECT min(ordinal) FROM profiles");
                long sec = now.getEpochSecond();
                s.execute("INSERT INTO events (ordinal, name, ts, properties, message_id, received_at) "
                        + "SELECT " + min + " + floor(power(random(), 2) * " + users + ")::int, "
                        + "CASE WHEN k < 50 THEN 'page_view' WHEN k < 75 THEN 'app_open' WHEN k < 85 THEN 'add_to_cart' "
                        + "WHEN k < 88 THEN 'purchase' ELSE 'feature_used' END, "
                        + "to_timestamp(" + sec + " - random() * 90 * 86400), "
                        + "CASE WHEN k < 50 THEN jsonb_build_object('url', (ARRAY['/', '/pricing', '/docs', '/features', "
                        + "'/blog/a', '/blog/b', '/signup', '/changelog'])[1 + floor(random() * 8)::int]) "
                        + "WHEN k >= 75 AND k < 88 THEN jsonb_build_object('amount', 1 + floor(random() * 500)::int, 'currency', 'EUR') "
                        + "ELSE '{}'::jsonb END, NULL, to_timestamp(" + sec + ") "
                        + "FROM (SELECT floor(random() * 100)::int AS k FROM generate_series(1, " + events + ")) g");
                s.execute("ANALYZE");
                out.printf("built in %.0f s%n", (System.nanoTime() - t) / 1e9);
            }
        }
        Map<String, long[]> refresh = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        try (Application app = Application.open(config, Clock.systemUTC())) {
            SegmentService segments = app.segments();
            for (SegmentBenchmark.Case c : cases) {
                if (segments.list().stream().noneMatch(v -> v.segment().key().equals(c.key()))) {
                    segments.create(new SegmentDraft(c.key(), c.key(), null, SegmentType.DYNAMIC,
                            new DefinitionInput.Text(c.definition()), null, false));
                }
                segments.refresh(c.key()); // warm-up, not timed
                long[] times = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    var v = segments.refresh(c.key());
                    times[i] = System.nanoTime() - t;
                    sizes.put(c.key(), v.size());
                }
                refresh.put(c.key(), times);
            }
        }
        out.printf("%nPostgreSQL (%,d events over %,d users; PostgreSQL for state and events):%n", events, users);
        out.println("segment                      members    refresh (median)   hand-written SQL (median)   ratio");
        try (Connection c = DriverManager.getConnection(url)) {
            String urlColumn = SegmentBenchmark.promoted(c, "url", "STRING"), amount = SegmentBenchmark.promoted(c, "amount", "NUMBER");
            for (SegmentBenchmark.Case k : cases) {
                String sql = k.handWritten().replace("{url}", urlColumn).replace("{amount}", amount)
                        .replace("{t30}", time(now.minusSeconds(30 * 86400L)))
                        .replace("{t90}", time(now.minusSeconds(90 * 86400L)))
                        .replace("{t7}", time(now.minusSeconds(7 * 86400L)));
                long[] times = new long[runs];
                for (int i = -1; i < runs; i++) { // run -1 warms up
                    long t = System.nanoTime();
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) rs.getInt(1);
                    }
                    if (i >= 0) times[i] = System.nanoTime() - t;
                }
                double r = SegmentBenchmark.median(refresh.get(k.key())) / 1e6, h = SegmentBenchmark.median(times) / 1e6;
                out.printf("%-26s %,10d   %10.1f ms      %10.1f ms              %.2f%n", k.key(), sizes.get(k.key()), r, h, r / h);
            }
        }
    }

    private static String time(Instant t) {
        return "'" + t + "'::timestamptz";
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
