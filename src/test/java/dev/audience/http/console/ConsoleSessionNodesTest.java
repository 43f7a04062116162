package dev.audience.http.console;

import dev.audience.app.Application;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.testing.Backend;
import dev.audience.testing.ConsoleClient;
import dev.audience.testing.MutableClock;
import dev.audience.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions are rows of the state store: they outlive a restart, and any node of a cluster knows them. */
class ConsoleSessionNodesTest {
    private static final String PASSWORD = "a long enough password";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));

    @TempDir
    Path dir;

    private AudienceConfig config(Map<String, String> backend) {
        Map<String, String> settings = new HashMap<>(backend);
        settings.put("http.port", "0");
        return new ConfigLoader(Map.of()).load(Optional.empty(), settings);
    }

    private Application node(AudienceConfig config) {
        return Application.open(config, clock).startHttp(config);
    }

    private static String url(Application app) {
        return "http://127.0.0.1:" + app.server().port();
    }

    @Test
    void aSessionOutlivesARestart() {
        AudienceConfig config = config(Backend.EMBEDDED.settings(dir));
        String cookie;
        String csrf;
        try (Application before = node(config)) {
            before.consoleUsers().create("restart@example.com", Role.EDITOR, PASSWORD);
            ConsoleClient browser = new ConsoleClient(url(before));
            browser.signIn("restart@example.com", PASSWORD);
            assertThat(browser.get("/console").status()).isEqualTo(200);
            cookie = browser.cookie("audience_session");
            csrf = browser.csrf();
        }
        try (Application after = node(config)) {
            ConsoleClient browser = new ConsoleClient(url(after));
            browser.setCookie("audience_session", cookie);
            assertThat(browser.get("/console").status()).isEqualTo(200);
            assertThat(browser.csrf()).as("the same session, the same form token").isEqualTo(csrf);
            assertThat(browser.post("/console/new-segment", Map.of("type", "static", "key", "after-restart", "name", "x"))
                    .status()).isEqualTo(303);
        }
    }

    @Test
    void twoNodesOnOnePostgresShareSessionsAndSignOut() {
        AudienceConfig config = config(Backend.POSTGRES.settings(dir));
        try (Application one = node(config); Application two = node(config)) {
            one.consoleUsers().create("cluster@example.com", Role.VIEWER, PASSWORD);
            ConsoleClient onOne = new ConsoleClient(url(one));
            onOne.signIn("cluster@example.com", PASSWORD);
            ConsoleClient onTwo = new ConsoleClient(url(two));
            onTwo.setCookie("audience_session", onOne.cookie("audience_session"));
            assertThat(onTwo.get("/console").status()).isEqualTo(200);

            onTwo.post("/console/sign-out", Map.of());
            assertThat(onOne.get("/console").status()).as("signed out on the other node").isEqualTo(303);
        }
    }
}
