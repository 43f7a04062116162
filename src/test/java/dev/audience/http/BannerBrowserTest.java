package dev.audience.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.audience.testing.ApiClient;
import dev.audience.testing.ApiClient.Reply;
import dev.audience.testing.Backend;
import dev.audience.testing.Browser;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser SDK in Debian's headless chromium against the real server. The pages come from a second
 * loopback server (another origin, so every SDK call is a real cross-origin request): a "shop" page that
 * loads {@code /sdk/audience.js} from the Audience server, and the page a banner's call to action leads to.
 */
class BannerBrowserTest {
    private static final byte[] PIXEL = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    /** @param csp a Content-Security-Policy header, or null */
    private record Resource(String contentType, byte[] body, String csp) {}

    static TestServer server;
    static ApiClient api;
    static String audience;
    static HttpServer shop;
    static String shopBase;
    static final Map<String, Resource> shopFiles = new ConcurrentHashMap<>();
    static int counter;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(Backend.EMBEDDED);
        api = server.api();
        audience = "http://127.0.0.1:" + server.app.server().port();
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            try (exchange) {
                Resource r = shopFiles.get(exchange.getRequestURI().getPath());
                if (r == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", r.contentType());
                if (r.csp() != null) exchange.getResponseHeaders().set("Content-Security-Policy", r.csp());
                exchange.sendResponseHeaders(200, r.body().length);
                exchange.getResponseBody().write(r.body());
            }
        });
        shop.start();
        shopBase = "http://127.0.0.1:" + shop.getAddress().getPort();
        shopFiles.put("/pixel.png", new Resource("image/png", PIXEL, null));
        shopFiles.put("/landing", html("<!doctype html><title>Landing</title><h1 id=\"landed\">Landed</h1>"));
    }

    @AfterAll
    static void stop() {
        if (shop != null) shop.stop(0);
        if (server != null) server.close();
    }

    @Test
    void aBannerRendersAsTextCountsOneImpressionWhenSeenAndItsClickNavigates() {
        String top = placement();
        String empty = placement();
        String below = placement();
        String elsewhere = placement();
        String who = segment("shopper-1");
        String hello = activeBanner(m("placement", top, "title", "Hello <b>x</b>",
                "body", "<img src=x onerror=\"window.pwned = 1\">", "imageUrl", shopBase + "/pixel.png",
                "cta", m("label", "See the offer", "url", shopBase + "/landing"), "dismissible", false,
                "style", m("preset", "promo", "background", "#123456", "text", "#fff")), who);
        String lower = activeBanner(m("placement", below, "title", "Further down"), who);
        String absent = activeBanner(m("placement", elsewhere, "title", "Not on this page"), who);
        String page = shopPage("shopper-1", server.publishableKey, true, top, empty, below);

        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            d.get(shopBase + page);
            WebElement title = browser.waitUntil(x -> first(x, "#" + top + " .audience-banner__title"));

            assertThat(title.getText()).isEqualTo("Hello <b>x</b>");
            assertThat(d.findElement(By.cssSelector("#" + top + " .audience-banner__body")).getText())
                    .isEqualTo("<img src=x onerror=\"window.pwned = 1\">");
            assertThat(d.findElements(By.cssSelector("#" + top + " b"))).as("no element from the title").isEmpty();
            List<WebElement> images = d.findElements(By.cssSelector("#" + top + " img"));
            assertThat(images).hasSize(1);
            assertThat(images.get(0).getDomAttribute("src")).isEqualTo(shopBase + "/pixel.png");
            assertThat(js(d, "return typeof window.pwned")).isEqualTo("undefined");
            WebElement banner = d.findElement(By.cssSelector("#" + top + " .audience-banner"));
            assertThat(banner.getDomAttribute("class")).isEqualTo("audience-banner audience-banner--promo");
            assertThat(banner.getDomAttribute("data-audience-banner")).isEqualTo(hello);
            assertThat(banner.getCssValue("background-color")).isEqualTo("rgba(18, 52, 86, 1)");
            assertThat(banner.getCssValue("color")).isEqualTo("rgba(255, 255, 255, 1)");
            assertThat(d.findElements(By.cssSelector("#" + top + " .audience-banner__close"))).as("not dismissible").isEmpty();
            assertThat(d.findElements(By.cssSelector("#" + top + " .audience-banner__test"))).isEmpty();
            assertThat(d.findElements(By.cssSelector("#" + empty + " *"))).as("no banner for this placement").isEmpty();
            assertThat(d.findElements(By.cssSelector("[data-audience-banner='" + absent + "']"))).isEmpty();

            awaitStat(browser, hello, "impressions", 1);
            assertThat(stat(lower, "impressions")).as("rendered below the fold, not seen yet").isZero();
            js(d, "document.getElementById('" + below + "').scrollIntoView()");
            awaitStat(browser, lower, "impressions", 1);
            assertThat(stat(hello, "impressions")).as("one impression per banner per page view").isEqualTo(1);
            assertThat(stat(absent, "impressions")).isZero();
            assertThat(warnings(d)).as("the SDK said nothing").isEmpty();

            assertThat(api.post("/api/v1/campaigns/" + lower + "/cancel", "").status()).isEqualTo(200);
            ((JavascriptExecutor) d).executeAsyncScript("Audience.refresh().then(arguments[0])");
            assertThat(d.findElements(By.cssSelector("#" + below + " *"))).as("refreshed: cancelled").isEmpty();
            assertThat(d.findElement(By.cssSelector("#" + top + " .audience-banner__title")).getText()).isEqualTo("Hello <b>x</b>");

            d.findElement(By.cssSelector("#" + top + " .audience-banner__cta")).click();
            browser.waitUntil(x -> x.getCurrentUrl().equals(shopBase + "/landing"));
            assertThat(d.findElement(By.id("landed")).getText()).isEqualTo("Landed");
            awaitStat(browser, hello, "clicks", 1);
            assertThat(stat(hello, "impressions")).as("re-rendered, not seen anew").isEqualTo(1);
            // On loopback a click arrives before the page goes even without keepalive: check that the SDK asked for it.
            assertThat(js(d, "const p = JSON.parse(sessionStorage.getItem('lastPost')); return [p.keepalive, JSON.parse(p.body).type]"))
                    .isEqualTo(List.of(true, "click"));
        }
    }

    @Test
    void aDismissedBannerIsRemovedCountedAndNotShownAgain() {
        String p = placement();
        String who = segment("shopper-2");
        String id = activeBanner(m("placement", p, "title", "Close me", "dismissible", true), who);
        // No host: the SDK talks to the server it was loaded from.
        String page = shopPage("shopper-2", server.publishableKey, false, p);

        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            d.get(shopBase + page);
            browser.waitUntil(x -> first(x, "#" + p + " .audience-banner__close")).click();
            browser.waitUntil(x -> x.findElements(By.cssSelector(".audience-banner")).isEmpty());
            awaitStat(browser, id, "dismissals", 1);

            d.navigate().refresh();
            browser.waitUntil(x -> first(x, "body[data-audience-ready]"));
            assertThat(d.findElements(By.cssSelector("#" + p + " *"))).as("dismissed for this user").isEmpty();
            assertThat(warnings(d)).isEmpty();
        }
    }

    /** What docs/sdk.md promises: allowing the server in script-src and connect-src is enough, style-src stays strict. */
    @Test
    void aStrictContentSecurityPolicyNeedsOnlyTheServerInScriptAndConnectSrc() {
        String p = placement();
        String id = activeBanner(m("placement", p, "title", "Under CSP", "imageUrl", shopBase + "/pixel.png",
                "style", m("preset", "success", "text", "#000")), "everyone");
        String page = shopPage("shopper-4", server.publishableKey, true, p);
        Resource open = shopFiles.get(page);
        shopFiles.put(page, new Resource(open.contentType(), open.body(), "default-src 'none'; script-src 'unsafe-inline' "
                + audience + "; connect-src " + audience + "; img-src " + shopBase + "; style-src 'none'"));

        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            d.get(shopBase + page);
            WebElement banner = browser.waitUntil(x -> first(x, "#" + p + " .audience-banner"));
            assertThat(banner.getCssValue("background-color")).as("the default stylesheet applies").isEqualTo("rgba(231, 246, 236, 1)");
            assertThat(banner.getCssValue("color")).as("the campaign's colour applies").isEqualTo("rgba(0, 0, 0, 1)");
            awaitStat(browser, id, "impressions", 1);
            assertThat(warnings(d)).isEmpty();
        }
    }

    @Test
    void aWrongKeyWarnsOnceAndLeavesThePageAlone() {
        String p = placement();
        activeBanner(m("placement", p, "title", "Unseen"), "everyone");
        String page = shopPage("shopper-3", "aud_pk_not-a-real-key", true, p);

        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            d.get(shopBase + page);
            browser.waitUntil(x -> first(x, "body[data-audience-ready]"));
            assertThat(d.findElements(By.cssSelector("#" + p + " *"))).isEmpty();
            List<String> warnings = warnings(d);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).startsWith("Audience: could not load banners").contains("401");
        }
    }

    /** The SDK shows only http(s) links, and the server never lets another scheme into a banner in the first place. */
    @Test
    void aJavascriptUrlCannotGetIntoABanner() {
        Reply r = api.post("/api/v1/campaigns", json(m("name", "Sneaky", "channel", "banner", "segments", List.of("everyone"),
                "content", m("placement", placement(), "title", "Sneaky", "imageUrl", "javascript:alert(1)",
                        "cta", m("label", "Go", "url", "javascript:alert(1)")))));
        assertThat(r.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("content.cta.url", "content.imageUrl");
    }

    @Test
    void theScriptIsServedSmallCacheableAndToAnyOrigin() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(audience + "/sdk/audience.js"))
                .header("Origin", shopBase).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.body()).contains("window.Audience = {init: init, refresh: refresh}");
        assertThat(r.body().getBytes(StandardCharsets.UTF_8).length).as("the SDK stays small").isLessThan(8 * 1024);
    }

    /**
     * A shop page on the other origin with one element per placement (the third far below the fold), which loads
     * the SDK from the Audience server and marks the body once {@code Audience.init} has settled. It keeps what the
     * SDK passes to console.warn in {@code window.audienceWarnings}, and the options of its last POST in
     * sessionStorage (which outlives a navigation on this origin).
     */
    private static String shopPage(String userId, String key, boolean withHost, String... placements) {
        StringBuilder slots = new StringBuilder();
        for (int i = 0; i < placements.length; i++) {
            if (i == 2) slots.append("<div style=\"height: 3000px\"></div>\n");
            slots.append("<div id=\"").append(placements[i]).append("\" data-audience-placement=\"").append(placements[i])
                    .append("\"></div>\n");
        }
        String host = withHost ? ", host: '" + audience + "'" : "";
        String page = """
                <!doctype html>
                <meta charset="utf-8">
                <title>Shop</title>
                <script>
                  window.audienceWarnings = [];
                  console.warn = (...args) => window.audienceWarnings.push(args.map(String).join(' '));
                  const realFetch = window.fetch;
                  window.fetch = (url, init) => {
                    if (init && init.method === 'POST') {
                      sessionStorage.setItem('lastPost', JSON.stringify({keepalive: init.keepalive, body: init.body}));
                    }
                    return realFetch(url, init);
                  };
                </script>
                %s<script src="%s/sdk/audience.js"></script>
                <script>
                  Audience.init({key: '%s', userId: '%s'%s}).then(() => document.body.dataset.audienceReady = 'yes');
                </script>
                """.formatted(slots, audience, key, userId, host);
        String path = "/shop-" + (++counter) + ".html";
        shopFiles.put(path, html(page));
        return path;
    }

    private static Resource html(String page) {
        return new Resource("text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), null);
    }

    private static WebElement first(WebDriver d, String css) {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    private static Object js(WebDriver d, String script) {
        return ((JavascriptExecutor) d).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private static List<String> warnings(WebDriver d) {
        return (List<String>) js(d, "return window.audienceWarnings");
    }

    private static long stat(String campaignId, String name) {
        JsonNode c = api.get("/api/v1/campaigns/" + campaignId).json();
        return c.get("stats").get(name).asLong();
    }

    /** Polls the campaign's stats (every half second, up to the browser's wait) until the count is reached. */
    private static void awaitStat(Browser browser, String campaignId, String name, long expected) {
        try {
            browser.waitUntil(x -> stat(campaignId, name) == expected);
        } catch (TimeoutException e) {
            // the assertion below says what was counted instead
        }
        assertThat(stat(campaignId, name)).as(name + " of " + campaignId).isEqualTo(expected);
    }

    private static String placement() {
        String key = "sdk-place-" + (++counter);
        Reply r = api.post("/api/v1/placements", json(m("key", key)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return key;
    }

    /** A static segment with these members (their profiles created on the way). */
    private static String segment(String... userIds) {
        String key = "sdk-seg-" + (++counter);
        assertThat(api.post("/api/v1/segments", json(m("key", key, "name", key, "type", "static"))).status()).isEqualTo(201);
        for (String u : userIds) api.put("/api/v1/profiles/" + u, json(m("email", u + "@example.test")));
        Reply r = api.post("/api/v1/segments/" + key + "/members", json(m("userIds", List.of(userIds))));
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return key;
    }

    /** A banner campaign with this content for this segment, started now. */
    private static String activeBanner(Map<String, Object> content, String segment) {
        Reply r = api.post("/api/v1/campaigns", json(m("name", content.get("title"), "channel", "banner",
                "segments", List.of(segment), "content", content)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().get("id").asText();
        r = api.post("/api/v1/campaigns/" + id + "/schedule", "");
        assertThat(r.json().get("status").asText()).as(r.toString()).isEqualTo("active");
        return id;
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }
}
