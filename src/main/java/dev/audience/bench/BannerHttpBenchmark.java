package dev.audience.bench;

import dev.audience.apikey.ApiKeyKind;
import dev.audience.app.Application;
import dev.audience.campaign.BannerContent;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignStatus;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Random;

/**
 * GET /api/v1/banners under wrk (32 connections) against 50 active banners in 3 placements whose target
 * segments have up to 1,000,000 members, and in the same run a bare JDK HttpServer answering a fixed JSON
 * body of the same size; rounds alternate between the two, and the medians and their ratio are printed.
 * Each request asks for all 3 placements for a user drawn from a pool of users (a userId's ordinal is read
 * once, then cached; a warm-up pass fills the cache before measuring).
 */
public final class BannerHttpBenchmark {
    private static final String[] PLACEMENTS = {"top", "hero", "sidebar"};
    private static final int[] SEGMENT_BUCKETS = {50, 25, 10, 3, 1}; // of 100: 1,000,000 … 20,000 of 2,000,000

    private final Path dir;
    private final int profiles;
    private final int pool;
    private final int seconds;
    private final int rounds;
    private final PrintStream out;

    public BannerHttpBenchmark(Path dir, int profiles, int pool, int seconds, int rounds, PrintStream out) {
        this.dir = dir;
        this.profiles = profiles;
        this.pool = pool;
        this.seconds = seconds;
        this.rounds = rounds;
        this.out = out;
    }

    public void run() throws Exception {
        Path data = dir.resolve("data-" + profiles);
        Map<String, String> settings = new HashMap<>(Map.of("data.dir", data.toString(), "http.port", "0",
                "log.level", "warn", "http.host", "127.0.0.1"));
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        if (!Files.exists(data.resolve("state.db"))) createProfiles(config, data);
        try (Application app = Application.open(config, Clock.systemUTC()).startHttp(config)) {
            setUp(app);
            String key = app.apiKeys().create(ApiKeyKind.PUBLISHABLE);
            List<String> auth = List.of("Authorization: Bearer " + key);
            URI base = URI.create("http://127.0.0.1:" + app.server().port() + "/");
            Path script = requestScript();
            byte[] sample = sample(base, key);
            out.printf("%d banners in the index; a response is %d bytes; users drawn from a pool of %,d%n",
                    app.banners().size(), sample.length, pool);
            WrkLoad.Result warm = new WrkLoad(Math.max(5, seconds / 2), auth, script).run(base);
            check("warm-up", warm);
            List<WrkLoad.Result> bare = new ArrayList<>();
            List<WrkLoad.Result> ours = new ArrayList<>();
            try (FixedJsonServer fixed = new FixedJsonServer(sample)) {
                for (int i = 0; i < rounds; i++) {
                    bare.add(check("bare", new WrkLoad(seconds, List.of()).run(fixed.url())));
                    ours.add(check("audience", new WrkLoad(seconds, auth, script).run(base)));
                    out.printf("round %d: bare %,.0f req/s (p99 %,d µs), audience %,.0f req/s (p99 %,d µs)%n", i + 1,
                            bare.get(i).requestsPerSecond(), bare.get(i).p99Micros(), ours.get(i).requestsPerSecond(),
                            ours.get(i).p99Micros());
                }
            }
            double b = Medians.of(bare.stream().mapToDouble(WrkLoad.Result::requestsPerSecond).toArray());
            double o = Medians.of(ours.stream().mapToDouble(WrkLoad.Result::requestsPerSecond).toArray());
            double bp = Medians.of(bare.stream().mapToDouble(WrkLoad.Result::p99Micros).toArray());
            double op = Medians.of(ours.stream().mapToDouble(WrkLoad.Result::p99Micros).toArray());
            out.printf("bare JDK HttpServer, fixed %d-byte JSON: %,.0f req/s, p99 %,.0f µs (median of %d)%n", sample.length, b, bp, rounds);
            out.printf("Audience GET /api/v1/banners (3 placements): %,.0f req/s, p99 %,.0f µs (median of %d)%n", o, op, rounds);
            out.printf("ratio: %.2f (goal >= 0.70)%n", o / b);
        }
    }

    private static WrkLoad.Result check(String what, WrkLoad.Result r) {
        if (r.non2xx() > 0 || r.socketErrors() > 0 || r.requests() == 0) {
            throw new IllegalStateException(what + ": " + r.non2xx() + " non-2xx answers, " + r.socketErrors()
                    + " socket errors, " + r.requests() + " requests");
        }
        return r;
    }

    /** Profiles straight into SQLite (the profile API is not what this measures), each with a bucket 0–99. */
    private void createProfiles(AudienceConfig config, Path data) throws Exception {
        try (Application app = Application.open(config, Clock.systemUTC())) {
            app.storage().ready();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("state.db").toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + profiles
                    + ") INSERT INTO profiles (user_id, email, attributes, created_at, updated_at) "
                    + "SELECT 'u' || i, NULL, '{\"bucket\":' || (i % 100) || '}', 0, 0 FROM n");
        }
    }

    /** Five segments (bucket < 50, 25, 10, 3, 1) and 50 active banners over them, unless there already. */
    private void setUp(Application app) {
        for (int i = 0; i < SEGMENT_BUCKETS.length; i++) {
            String key = "bench-s" + i;
            if (!app.segments().exists(key)) {
                app.segments().create(new SegmentDraft(key, "bucket < " + SEGMENT_BUCKETS[i], null, SegmentType.DYNAMIC,
                        new DefinitionInput.Text("bucket < " + SEGMENT_BUCKETS[i]), null, false));
            }
            out.printf("segment %s: %,d members%n", key, app.segments().members(key).getLongCardinality());
        }
        long active = app.campaigns().list().stream().filter(c -> c.status() == CampaignStatus.ACTIVE).count();
        Random r = new Random(6);
        for (int i = (int) active; i < 50; i++) {
            String placement = PLACEMENTS[i % 3];
            List<String> excluded = i % 7 == 0 ? List.of("bench-s4") : List.of();
            BannerContent content = new BannerContent(placement, "Banner " + i + ": winter sale",
                    "Twenty percent off everything until Sunday, in every store and online.",
                    "https://cdn.example.test/banners/" + i + ".png",
                    new BannerContent.Cta("Shop now", "https://shop.example.test/sale?b=" + i),
                    new BannerContent.Style("promo", null, null, null), true, 1 + r.nextInt(100), i % 4 == 0 ? 3 : null);
            Campaign c = app.campaigns().create(new CampaignDraft("bench banner " + i, Campaign.BANNER,
                    List.of("bench-s" + (i % 5)), excluded, content, null));
            app.campaigns().schedule(c.id(), null);
        }
    }

    /** Each request: a user from the pool (spread over all profiles) and the 3 placements. */
    private Path requestScript() throws Exception {
        Path script = Files.createTempFile("banners", ".lua");
        script.toFile().deleteOnExit();
        Files.writeString(script, """
                local n, pool = %d, %d
                request = function()
                  local u = (math.random(1, pool) * 7919) %% n + 1
                  return wrk.format("GET", "/api/v1/banners?userId=u" .. u .. "&placement=top&placement=hero&placement=sidebar")
                end
                """.formatted(profiles, pool));
        return script;
    }

    /** One answer for a user in the largest segment, as the bare server's fixed body. */
    private static byte[] sample(URI base, String key) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base.resolve("/api/v1/banners?userId=u2&placement=top&placement=hero&placement=sidebar"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IllegalStateException("GET /api/v1/banners answered " + r.statusCode());
        return r.body();
    }
}
