package dev.audience.testing;

import dev.audience.apikey.ApiKeyKind;
import dev.audience.app.Application;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A whole Audience server on a free loopback port, over a fresh store of the given backend. */
public final class TestServer implements AutoCloseable {
    public static final String BOOTSTRAP_KEY = "test-bootstrap-key-0123456789abcdef";

    public final Application app;
    public final MutableClock clock;
    public final AudienceConfig config;
    public final String secretKey;
    public final String publishableKey;
    private final String base;
    private final Path dir;

    public TestServer(Backend backend) {
        this(backend, Map.of());
    }

    public TestServer(Backend backend, Map<String, String> extra) {
        this(backend.settings(tempDir()), extra, new MutableClock(Instant.parse("2026-11-01T12:00:00Z")));
    }

    /**
     * A second node on {@code first}'s PostgreSQL database (a cluster of two in one JVM), with its own data
     * directory, HTTP port and node id, reading {@code clock}.
     */
    public static TestServer joining(TestServer first, MutableClock clock, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("database.url", first.config.database().url().orElseThrow(() ->
                new IllegalArgumentException("only a PostgreSQL server can be joined")));
        settings.put("data.dir", tempDir().toString());
        return new TestServer(settings, extra, clock);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("audience-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestServer(Map<String, String> store, Map<String, String> extra, MutableClock clock) {
        Path dir = Path.of(store.get("data.dir"));
        this.dir = dir;
        Map<String, String> settings = new HashMap<>(store);
        settings.put("http.port", "0");
        settings.put("bootstrap.key", BOOTSTRAP_KEY);
        settings.putAll(extra);
        this.config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        this.clock = clock;
        this.app = Application.open(config, clock).startHttp(config);
        this.secretKey = app.apiKeys().create(ApiKeyKind.SECRET);
        this.publishableKey = app.apiKeys().create(ApiKeyKind.PUBLISHABLE);
        this.base = "http://127.0.0.1:" + app.server().port();
    }

    /** A client with a secret key. */
    public ApiClient api() {
        return new ApiClient(base, secretKey);
    }

    public ApiClient api(String key) {
        return new ApiClient(base, key);
    }

    /** A console client with no session yet. */
    public ConsoleClient console() {
        return new ConsoleClient(base);
    }

    /**
     * A console user {@code email} with {@code role}, created here, signed in on a new client that has then opened
     * {@code firstPage} (so it holds that page's form token).
     */
    public ConsoleClient consoleAs(String email, dev.audience.user.Role role, String password, String firstPage) {
        app.consoleUsers().create(email, role, password);
        ConsoleClient c = console();
        c.signIn(email, password);
        c.get(firstPage);
        return c;
    }

    /** Where the server listens, e.g. http://127.0.0.1:41234. */
    public String url() {
        return base;
    }

    @Override
    public void close() {
        app.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
