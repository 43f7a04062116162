package dev.audience.bench;

import dev.audience.app.Application;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.storage.duckdb.DuckDbMigrations;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Events through the HTTP batch API into the embedded store, against the same events appended straight
 * into DuckDB with its Appender, in one run. Request bodies are built before the clock starts, so the
 * API figure is the server's cost; every event carries a messageId, as SDKs send them, so the API path
 * pays for deduplication. Prints both rates and their ratio.
 */
public final class IngestBenchmark {
    private static final String[] NAMES = {"page_view", "app_open", "feature_used", "add_to_cart", "purchase"};
    private static final String[] URLS = {"/", "/pricing", "/docs", "/features", "/blog/a", "/signup"};

    private static final int WARMUP_BATCHES = 20;

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
            List<Row> rows = rows(events, new Random(7));
            // The warm-up lets the JIT compile the server's paths (5 batches left it compiling for most of the
            // timed run). Its users are others than the timed run's, so the timed run still creates every one of
            // its users as their first events arrive.
            List<Row> warmup = rows(Math.min(events, WARMUP_BATCHES * batch), new Random(8)).stream()
                    .map(r -> new Row(users + r.user(), r.name(), r.ts(), r.propertiesJson(), "warm-" + r.messageId())).toList();
            out.printf("bench ingest: %,d events in batches of %,d, %,d users, %d concurrent clients, %s%n",
                    events, batch, users, clients, messageIds ? "every event with a messageId" : "no messageIds");
            Rate api = viaApi(dir.resolve("api"), warmup, rows);
            Rate direct = direct(dir.resolve("direct.duckdb"), warmup, rows);
            out.printf("api path (HTTP batch API -> embedded store): %,.0f events/s%n", api.perSecond());
            out.printf("direct DuckDB appender:                      %,.0f events/s%n", direct.perSecond());
            out.printf("ratio api/direct: %.2f (goal >= 0.50); api goal >= 50,000 events/s%n", api.perSecond() / direct.perSecond());
            // On a shared machine the rates follow the CPU share this process gets; the CPU spent per event does not.
            out.printf("cpu per event, all threads: api path %.2f us (HTTP client included), direct %.2f us; ratio %.2f%n",
                    api.cpuMicrosPerEvent(), direct.cpuMicrosPerEvent(), direct.cpuMicrosPerEvent() / api.cpuMicrosPerEvent());
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private List<Row> rows(int n, Random random) {
        Instant now = Instant.now();
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            String props = "{\"url\":\"" + URLS[random.nextInt(URLS.length)] + "\",\"n\":" + random.nextInt(1000) + "}";
            out.add(new Row(random.nextInt(users), name, now.minusSeconds(random.nextInt(90 * 86_400)), props, "m-" + i));
        }
        return out;
    }

    private Rate viaApi(Path data, List<Row> warmup, List<Row> rows) throws Exception {
        String key = "bench-bootstrap-key-" + Long.toHexString(new Random().nextLong()) + "-0000000000";
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(),
                Map.of("data.dir", data.toString(), "http.port", "0", "bootstrap.key", key, "log.level", "warn"));
        try (Application app = Application.open(config, Clock.systemUTC()).startHttp(config)) {
            URI uri = URI.create("http://127.0.0.1:" + app.server().port() + "/api/v1/events");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            send(http, uri, key, bodies(warmup));
            List<byte[]> bodies = bodies(rows);
            long cpu = OS.getProcessCpuTime();
            long start = System.nanoTime();
            int accepted = send(http, uri, key, bodies);
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = OS.getProcessCpuTime() - cpu;
            if (accepted != rows.size()) {
                throw new IllegalStateException("the API accepted " + accepted + " of " + rows.size() + " events");
            }
            return new Rate(rows.size() / seconds, cpu / 1e3 / rows.size());
        }
    }

    private List<byte[]> bodies(List<Row> rows) {
        List<byte[]> out = new ArrayList<>();
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
            out.add(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Sends the bodies from {@code clients} threads; returns how many events the server accepted. */
    private int send(HttpClient http, URI uri, String key, List<byte[]> bodies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() != 200) throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
                        String b = res.body();
                        int at = b.indexOf("\"accepted\":") + 11;
                        accepted.addAndGet(Integer.parseInt(b.substring(at, b.indexOf(',', at))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
        return accepted.get();
    }

    private Rate direct(Path file, List<Row> warmup, List<Row> rows) throws SQLException, IOException {
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath())) {
            DuckDbMigrations.migrate(c);
            append(c, warmup);
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
