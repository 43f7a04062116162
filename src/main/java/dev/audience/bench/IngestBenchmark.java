package dev.audience.bench;

import dev.audience.app.Application;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.storage.duckdb.DuckDbMigrations;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events through the HTTP batch API into the embedded store, against the same events appended straight
 * into DuckDB with its Appender, in one run. Request bodies are built before the clock starts, so the
 * API figure is the server's cost; every event carries a messageId, as SDKs send them, so the API path
 * pays for deduplication. Prints both rates and their ratio.
 */
public final class IngestBenchmark {
    private static final String[] NAMES = {"page_view", "app_open", "feature_used", "add_to_cart", "purchase"};
    private static final String[] URLS = {"/", "/pricing", "/docs", "/features", "/blog/a", "/signup"};

    private static final int WARMUP_BATCHES = 100;

    private final int events;
    private final int batch;
    private final int users;
    private final int clients;
    private final PrintStream out;
    private final boolean messageIds;

    public IngestBenchmark(int events, int batch, int users, int clients, boolean messageIds, PrintStream out) {
        this.events = events;
        this.batch = batch;
        this.users = users;
        this.clients = clients;
        this.out = out;
        this.messageIds = messageIds;
    }

    private record Row(int user, String name, Instant ts, String propertiesJson, String messageId) {}

    /** A timed path: its rate, and the CPU this process spent per event meanwhile (every thread, native ones too). */
    private record Rate(double perSecond, double cpuMicrosPerEvent) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public void run() throws Exception {
        Path dir = Files.createTempDirectory("audience-bench-ingest");
        try {
            // Both paths get the same rows, generated for each (same seed, same base instant) rather than held,
            // and the request bodies wait outside the Java heap: the client shares the server's JVM, and its
            // hundreds of megabytes of data would otherwise be traced, copied and re-expanded into by the
            // collector while the server runs, which a server fed over the network does not pay for.
            Instant base = Instant.now();
            out.printf("bench ingest: %,d events in batches of %,d, %,d users, %d concurrent clients, %s%n",
                    events, batch, users, clients, messageIds ? "every event with a messageId" : "no messageIds");
            Rate api = viaApi(dir.resolve("api"), base);
            Rate direct = direct(dir.resolve("direct.duckdb"), base);
            out.printf("api path (HTTP batch API -> embedded store): %,.0f events/s%n", api.perSecond());
            out.printf("direct DuckDB appender:                      %,.0f events/s%n", direct.perSecond());
            out.printf("ratio api/direct: %.2f (goal >= 0.50); api goal >= 50,000 events/s%n", api.perSecond() / direct.perSecond());
            // On a shared machine the rates follow the CPU share this process gets; the CPU spent per event does not.
            out.printf("cpu per event, all threads: api path %.2f us (HTTP client included), direct %.2f us; ratio %.2f%n",
                    api.cpuMicrosPerEvent(), direct.cpuMicrosPerEvent(), direct.cpuMicrosPerEvent() / api.cpuMicrosPerEvent());
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /**
     * The warm-up's rows: as many batches as the timed run by default, so that the JIT has compiled the
     * server's paths and the heap has grown to its working size before the clock starts. Its users are others
     * than the timed run's, so the timed run still creates every one of its users as their first events arrive.
     */
    private List<Row> warmup(Instant base) {
        return rows(Math.min(events, WARMUP_BATCHES * batch), new Random(8), base).stream()
                .map(r -> new Row(users + r.user(), r.name(), r.ts(), r.propertiesJson(), "warm-" + r.messageId())).toList();
    }

    private List<Row> timed(Instant base) {
        return rows(events, new Random(7), base);
    }

    private List<Row> rows(int n, Random random, Instant now) {
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            String props = "{\"url\":\"" + URLS[random.nextInt(URLS.length)] + "\",\"n\":" + random.nextInt(1000) + "}";
            out.add(new Row(random.nextInt(users), name, now.minusSeconds(random.nextInt(90 * 86_400)), props, "m-" + i));
        }
        return out;
    }

    private Rate viaApi(Path data, Instant base) throws Exception {
        String key = "bench-bootstrap-key-" + Long.toHexString(new Random().nextLong()) + "-0000000000";
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(),
                Map.of("data.dir", data.toString(), "http.port", "0", "bootstrap.key", key, "log.level", "warn"));
        try (Application app = Application.open(config, Clock.systemUTC()).startHttp(config)) {
            int port = app.server().port();
            send(port, key, bodies(warmup(base)));
            List<ByteBuffer> bodies = bodies(timed(base));
            long cpu = OS.getProcessCpuTime();
            long start = System.nanoTime();
            int accepted = send(port, key, bodies);
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = OS.getProcessCpuTime() - cpu;
            if (accepted != events) {
                throw new IllegalStateException("the API accepted " + accepted + " of " + events + " events");
            }
            return new Rate(events / seconds, cpu / 1e3 / events);
        }
    }

    /** The request bodies, each in a direct buffer (outside the heap). */
    private List<ByteBuffer> bodies(List<Row> rows) {
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += batch) {
            StringBuilder sb = new StringBuilder(batch * 160).append("{\"events\":[");
            for (int j = i; j < Math.min(rows.size(), i + batch); j++) {
                Row r = rows.get(j);
                if (j > i) sb.append(',');
                sb.append("{\"userId\":\"u").append(r.user()).append("\",\"name\":\"").append(r.name())
                        .append("\",\"timestamp\":\"").append(r.ts());
                if (messageIds) sb.append("\",\"messageId\":\"").append(r.messageId());
                sb.append("\",\"properties\":").append(r.propertiesJson()).append('}');
            }
            byte[] bytes = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            out.add(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
        }
        return out;
    }

    /**
     * Sends the bodies from {@code clients} threads, each over a keep-alive connection of its own; returns how
     * many events the server accepted.
     */
    private int send(int port, String key, List<ByteBuffer> bodies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    try (PlainHttpConnection http = new PlainHttpConnection("127.0.0.1", port)) {
                        for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                            PlainHttpConnection.Answer res = http.post("/api/v1/events", "Bearer " + key, bodies.get(i));
                            if (res.status() != 200) throw new IllegalStateException("HTTP " + res.status() + ": " + res.body());
                            String b = res.body();
                            int at = b.indexOf("\"accepted\":") + 11;
                            accepted.addAndGet(Integer.parseInt(b.substring(at, b.indexOf(',', at))));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
        return accepted.get();
    }

    private Rate direct(Path file, Instant base) throws SQLException, IOException {
        List<Row> rows = timed(base);
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath())) {
            DuckDbMigrations.migrate(c);
            append(c, warmup(base));
            long cpu = OS.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < rows.size(); i += batch) append(c, rows.subList(i, Math.min(rows.size(), i + batch)));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Rate(rows.size() / seconds, (OS.getProcessCpuTime() - cpu) / 1e3 / rows.size());
        }
    }

    private void append(DuckDBConnection c, List<Row> rows) throws SQLException {
        LocalDateTime received = LocalDateTime.now(ZoneOffset.UTC);
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            for (Row r : rows) {
                a.beginRow();
                a.append(r.user());
                a.append(r.name());
                a.append(LocalDateTime.ofInstant(r.ts(), ZoneOffset.UTC));
                a.append(r.propertiesJson());
                if (messageIds) a.append(r.messageId());
                else a.appendNull();
                a.append(received);
                a.endRow();
            }
        }
    }
}
