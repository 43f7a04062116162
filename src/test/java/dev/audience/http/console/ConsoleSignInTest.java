package dev.audience.http.console;

import dev.audience.testing.Backend;
import dev.audience.testing.ConsoleClient;
import dev.audience.testing.ConsoleClient.Page;
import dev.audience.testing.TestServer;
import dev.audience.user.ConsoleUserService;
import dev.audience.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, sessions and sign-out over plain HTTP, on both back ends. */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsoleSignInTest {
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger USERS = new AtomicInteger();

    @Parameter
    Backend backend;

    static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static String newUser(Role role) {
        String email = "person" + USERS.incrementAndGet() + "@example.com";
        server.app.consoleUsers().create(email, role, PASSWORD);
        return email;
    }

    @Test
    void theRightPasswordOpensASessionWithASafeCookie() {
        String email = newUser(Role.VIEWER);
        ConsoleClient browser = server.console();
        Page signedIn = browser.signIn(email.toUpperCase(), PASSWORD);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo("/console");
        String cookie = signedIn.headers().every("Set-Cookie").stream().filter(c -> c.startsWith("audience_session="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/console").doesNotContain("Secure")
                .doesNotContain("Max-Age");

        Page overview = browser.get("/console");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains("<h1>Overview</h1>").contains(email + " · viewer");
        assertThat(overview.headers().first("Cache-Control")).isEqualTo("no-store");
        assertThat(overview.headers().first("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void aWrongPasswordOrUnknownEmailIsRefusedWithTheSameMessageAtThePasswordField() {
        String email = newUser(Role.ADMIN);
        for (String[] attempt : new String[][]{{email, "not the password"}, {"nobody@example.com", PASSWORD}}) {
            ConsoleClient browser = server.console();
            Page refused = browser.signIn(attempt[0], attempt[1]);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body()).contains("<small id=\"password-error\">The email or the password is wrong.</small>")
                    .contains("value=\"" + attempt[0] + "\"");
            assertThat(browser.cookie("audience_session")).isNull();
            assertThat(browser.get("/console").status()).isEqualTo(303);
        }
    }

    @Test
    void theSignInFormNeedsItsOwnToken() {
        String email = newUser(Role.ADMIN);
        ConsoleClient forged = server.console(); // never loaded the form: no token cookie
        Page refused = forged.postRaw("/console/sign-in", Map.of("email", email, "password", PASSWORD, "_csrf", "guess"), Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(forged.cookie("audience_session")).isNull();
    }

    @Test
    void pagesNeedASession() {
        ConsoleClient stranger = server.console();
        Page page = stranger.get("/console/segments?q=1");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).isEqualTo("/console/sign-in?next=%2Fconsole%2Fsegments%3Fq%3D1");
        Page htmx = stranger.postRaw("/console/sign-out", Map.of(), Map.of("HX-Request", "true"));
        assertThat(htmx.status()).isEqualTo(401);
        assertThat(htmx.headers().first("HX-Redirect")).startsWith("/console/sign-in");
        Page post = stranger.postRaw("/console/sign-out", Map.of(), Map.of());
        assertThat(post.status()).isEqualTo(401);
        assertThat(post.body()).contains("Sign in again");
        // the sign-in page sends a person back only to a console page
        assertThat(SignInPage.next("https://evil.example/console")).isEqualTo("/console");
        assertThat(SignInPage.next("//evil.example")).isEqualTo("/console");
        assertThat(SignInPage.next("/console/../api/v1/segments")).isEqualTo("/console");
        assertThat(SignInPage.next("/console/%2E%2E/healthz")).isEqualTo("/console");
        assertThat(SignInPage.next("/console\\evil")).isEqualTo("/console");
        assertThat(SignInPage.next("/console/segments/x?y=1")).isEqualTo("/console/segments/x?y=1");
    }

    @Test
    void aSessionEndsWhenUnusedForTheIdleTimeAndAtTheLongestLifetime() {
        String email = newUser(Role.VIEWER);
        ConsoleClient browser = server.console();
        browser.signIn(email, PASSWORD);
        // used every 11 hours: still open after three days...
        for (int i = 0; i < 7; i++) {
            server.clock.advance(Duration.ofHours(11));
            assertThat(browser.get("/console").status()).as("after %d × 11 h", i + 1).isEqualTo(200);
        }
        // ...but not past the longest lifetime, however much it is used
        server.clock.advance(ConsoleUserService.LONGEST.minus(Duration.ofHours(77)).plusMinutes(1));
        assertThat(browser.get("/console").status()).isEqualTo(303);

        ConsoleClient idle = server.console();
        idle.signIn(email, PASSWORD);
        server.clock.advance(ConsoleUserService.IDLE.plusSeconds(1));
        Page expired = idle.get("/console");
        assertThat(expired.status()).isEqualTo(303);
        assertThat(expired.location()).startsWith("/console/sign-in");
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
        String email = newUser(Role.EDITOR);
        ConsoleClient browser = server.console();
        browser.signIn(email, PASSWORD);
        assertThat(browser.get("/console").status()).isEqualTo(200);
        String token = browser.cookie("audience_session");

        Page out = browser.post("/console/sign-out", Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/console/sign-in");
        assertThat(browser.cookie("audience_session")).isNull();
        // the old cookie, kept by someone, opens nothing any more
        browser.setCookie("audience_session", token);
        assertThat(browser.get("/console").status()).isEqualTo(303);
    }
}
