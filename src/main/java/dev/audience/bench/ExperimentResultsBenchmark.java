package dev.audience.bench;

import dev.audience.experiment.ExposureCounts;
import dev.audience.storage.duckdb.DuckDbEventStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * An experiment's results on the embedded event store: {@code events} other events (page views, 3% purchases) over
 * 1,000,000 users and 90 days, plus {@code exposed} people with two exposure events each, split between two variants;
 * then the results query without a goal and with the goal {@code purchase}, {@code runs} times each, medians printed.
 * The data are made with DuckDB's own range(), in a temporary directory removed afterwards.
 */
public final class ExperimentResultsBenchmark {
    private final long events;
    private final int exposed;
    private final int runs;
    private final PrintStream out;

    public ExperimentResultsBenchmark(long events, int exposed, int runs, PrintStream out) {
        this.events = events;
        this.exposed = exposed;
        this.runs = runs;
        this.out = out;
    }

    public void run() throws IOException, SQLException {
        Path dir = Files.createTempDirectory("audience-bench-results");
        Path file = dir.resolve("events.duckdb");
        try {
            new DuckDbEventStore(file).close(); // the schema, as the server makes it
            long start = System.nanoTime();
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
                insert(c, "INSERT INTO events SELECT (i % 1000000)::INTEGER,"
                        + " CASE WHEN i % 33 = 0 THEN 'purchase' ELSE 'page_view' END,"
                        + " TIMESTAMP '2026-09-01' + to_seconds(i % 7776000), '{\"url\":\"/\"}', NULL, TIMESTAMP '2026-12-01'"
                        + " FROM range(?) t(i)", events);
                insert(c, "INSERT INTO events SELECT (i % ?)::INTEGER, 'experiment_exposure',"
                        + " TIMESTAMP '2026-10-01' + to_seconds((i * 7919) % 2592000),"
                        + " json_object('experiment', 'checkout', 'variant',"
                        + " CASE WHEN hash(i % ?) % 2 = 0 THEN 'control' ELSE 'one-page' END),"
                        + " 'exposure:' || i, TIMESTAMP '2026-12-01' FROM range(?) t(i)", exposed, exposed, 2L * exposed);
                c.createStatement().execute("CHECKPOINT");
            }
            out.printf("data: %,d events + %,d exposure events of %,d people, made in %.1f s%n", events, 2L * exposed, exposed,
                    (System.nanoTime() - start) / 1e9);
            DuckDbEventStore store = new DuckDbEventStore(file);
            try {
                for (String goal : new String[]{null, "purchase"}) {
                    double[] ms = new double[runs];
                    List<ExposureCounts.Row> rows = null;
                    for (int r = 0; r < runs; r++) {
                        long t = System.nanoTime();
                        rows = store.byVariant("checkout", Instant.parse("2026-09-15T00:00:00Z"), goal);
                        ms[r] = (System.nanoTime() - t) / 1e6;
                    }
                    out.printf("results %s: median %.0f ms over %d runs (%s)%n", goal == null ? "without a goal" : "with goal " + goal,
                            Medians.of(ms), runs, rows);
                }
            } finally {
                store.close();
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static void insert(Connection c, String sql, long... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setLong(i + 1, params[i]);
            ps.executeUpdate();
        }
    }
}
