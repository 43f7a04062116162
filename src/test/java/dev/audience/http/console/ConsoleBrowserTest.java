package dev.audience.http.console;

import dev.audience.testing.Backend;
import dev.audience.testing.Browser;
import dev.audience.testing.TestServer;
import dev.audience.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The console in a real browser (Debian's chromium) against a real server: what a marketer does, and what they may not. */
class ConsoleBrowserTest {
    private static final String PASSWORD = "a long enough password";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Backend.EMBEDDED);
        server.app.consoleUsers().create("editor@example.com", Role.EDITOR, PASSWORD);
        server.app.consoleUsers().create("viewer@example.com", Role.VIEWER, PASSWORD);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            events.add(Map.of("userId", "user-" + i, "name", "page_view", "properties", Map.of("url", i <= 5 ? "/pricing" : "/home"),
                    "timestamp", server.clock.instant().minus(Duration.ofDays(i)).toString()));
        }
        assertThat(server.api().post("/api/v1/events", json(Map.of("events", events))).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** With the keyboard alone: the email field has the focus, Tab goes to the password, Enter signs in. */
    private static void signIn(WebDriver d, String email) {
        d.get(server.url() + "/console");
        assertThat(d.getCurrentUrl()).contains("/console/sign-in?next=%2Fconsole");
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("email");
        d.switchTo().activeElement().sendKeys(email + Keys.TAB + PASSWORD + Keys.ENTER);
    }

    @Test
    void anEditorWritesADynamicSegmentFixesItsSyntaxErrorSeesItsSizeAndItsMembers() {
        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            signIn(d, "editor@example.com");
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));

            d.findElement(By.linkText("Segments")).click();
            d.findElement(By.id("new-dynamic")).click();
            d.findElement(By.id("name")).sendKeys("Pricing visitors");
            d.findElement(By.id("key")).sendKeys("pricing-visitors");
            WebElement definition = d.findElement(By.id("definition"));
            definition.sendKeys("did page_view where url = \"/pricing\"\n  in lastt 30 days");

            // checked as it is typed: the error at its line and column, the line with a caret under the place
            WebElement error = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("definition-error")));
            assertThat(error.getText()).startsWith("Line 2, column 6: expected 'last' after 'in'");
            assertThat(d.findElement(By.cssSelector("#definition-check pre")).getText())
                    .isEqualTo("  in lastt 30 days\n     ^");

            definition.clear();
            definition.sendKeys("did page_view where url = \"/pricing\"\n  in last 30 days");
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("definition-size"), "5 profiles match"));
            assertThat(d.findElements(By.id("definition-error"))).isEmpty();

            d.findElement(By.id("create-segment")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Pricing visitors"));
            assertThat(d.getCurrentUrl()).endsWith("/console/segments/pricing-visitors");
            assertThat(d.findElement(By.id("segment-size")).getText()).isEqualTo("5");
            assertThat(d.findElement(By.id("definition")).getText()).contains("in last 30 days");
            assertThat(d.findElements(By.cssSelector("#size-chart circle"))).hasSize(1);

            // why is user-6 out? (htmx swaps the answer in place)
            d.findElement(By.id("explain")).sendKeys("user-6");
            d.findElement(By.id("explain-button")).click();
            WebElement verdict = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("explain-verdict")));
            assertThat(verdict.getText()).isEqualTo("user-6 is not in Pricing visitors.");
            assertThat(d.findElement(By.cssSelector(".explanation")).getText()).contains("not met");

            d.findElement(By.id("members-link")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Members of Pricing visitors"));
            List<String> members = d.findElements(By.cssSelector("#members li")).stream().map(WebElement::getText).toList();
            assertThat(members).containsExactlyInAnyOrder("user-1", "user-2", "user-3", "user-4", "user-5");

            // and from the list to a member's profile
            d.findElement(By.linkText("user-1")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "user-1"));
            assertThat(d.findElement(By.id("profile-segments")).getText()).contains("Pricing visitors");
        }
    }

    @Test
    void aViewerSeesNoEditButtonsAndTheServerRefusesTheirPostEvenWithAValidToken() {
        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            signIn(d, "viewer@example.com");
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));
            d.get(server.url() + "/console/segments");
            // the first Tab reaches "Skip to content", which moves the focus past the navigation
            d.findElement(By.tagName("body")).sendKeys(Keys.TAB);
            WebElement skip = d.switchTo().activeElement();
            assertThat(skip.getText()).isEqualTo("Skip to content");
            skip.sendKeys(Keys.ENTER);
            assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
            assertThat(d.findElements(By.id("new-dynamic"))).isEmpty();
            assertThat(d.findElements(By.linkText("Settings"))).isEmpty();

            String token = d.findElement(By.name("_csrf")).getAttribute("value");
            assertThat(token).isNotBlank();
            Map<String, Object> reply = post(d, "/console/new-segment", token,
                    "type=dynamic&key=sneaky&name=Sneaky&definition=did+page_view+ever");
            assertThat(reply.get("status")).isEqualTo(403L);
            assertThat((String) reply.get("body")).contains("Your role (viewer) may not do this");
            assertThat(server.app.segments().exists("sneaky")).isFalse();
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndSigningOutEndsTheSession() {
        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            signIn(d, "editor@example.com");
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));

            Map<String, Object> forged = post(d, "/console/new-segment", null, "type=static&key=forged&name=Forged");
            assertThat(forged.get("status")).isEqualTo(403L);
            assertThat((String) forged.get("body")).contains("did not carry this session's form token");
            Map<String, Object> wrong = post(d, "/console/new-segment", "not-the-token", "type=static&key=forged&name=Forged");
            assertThat(wrong.get("status")).isEqualTo(403L);
            assertThat(server.app.segments().exists("forged")).isFalse();

            d.findElement(By.id("sign-out")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Sign in"));
            d.get(server.url() + "/console/segments");
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Sign in"));
            assertThat(d.getCurrentUrl()).contains("/console/sign-in");
        }
    }

    /** A POST from the page itself (same origin, the browser's own cookies), with or without the token header. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> post(WebDriver d, String path, String token, String form) {
        Object result = ((JavascriptExecutor) d).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                if (arguments[1]) headers['X-CSRF-Token'] = arguments[1];
                fetch(arguments[0], {method: 'POST', headers, body: arguments[2], redirect: 'manual'})
                  .then(r => r.text().then(body => done({status: r.status, body})))
                  .catch(e => done({status: -1, body: String(e)}));
                """, path, token, form);
        return new LinkedHashMap<>((Map<String, Object>) result);
    }
}
