package dev.audience.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.testing.ApiClient;
import dev.audience.testing.ApiClient.Reply;
import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Backend.class)
class BannersApiTest {
    @Parameter
    Backend backend;

    static TestServer server;
    static ApiClient api;
    static ApiClient sdk;
    static int counter;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        api = server.api();
        sdk = server.api(server.publishableKey);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    /** A static segment with these members (profiles created on the way). */
    static String segment(String... userIds) {
        String key = "banner-seg-" + (++counter);
        assertThat(api.post("/api/v1/segments", json(m("key", key, "name", key, "type", "static"))).status()).isEqualTo(201);
        if (userIds.length > 0) {
            for (String u : userIds) api.put("/api/v1/profiles/" + u, json(m("email", u + "@example.test")));
            Reply r = api.post("/api/v1/segments/" + key + "/members", json(m("userIds", List.of(userIds))));
            assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        }
        return key;
    }

    static Map<String, Object> content(String placement, String title) {
        String slug = title.replace(' ', '-');
        return m("placement", placement, "title", title, "body", "Body of " + title,
                "imageUrl", "https://cdn.example.test/" + slug + ".png",
                "cta", m("label", "Open", "url", "https://example.test/" + slug), "style", m("preset", "promo"),
                "dismissible", true);
    }

    static String banner(Map<String, Object> request) {
        Reply r = api.post("/api/v1/campaigns", json(request));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static String activeBanner(String placement, String title, int weight, List<String> segments, List<String> excluded) {
        String id = banner(m("name", title, "channel", "banner", "segments", segments, "excludeSegments", excluded,
                "weight", weight, "content", content(placement, title)));
        Reply r = api.post("/api/v1/campaigns/" + id + "/schedule", "");
        assertThat(r.json().get("status").asText()).as(r.toString()).isEqualTo("active");
        return id;
    }

    static JsonNode shown(String userId, String... placements) {
        StringBuilder q = new StringBuilder("/api/v1/banners?userId=" + userId);
        for (String p : placements) q.append("&placement=").append(p);
        Reply r = sdk.get(q.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("banners");
    }

    static void event(String id, String type, String userId) {
        Reply r = sdk.post("/api/v1/banners/" + id + "/events", json(m("type", type, "userId", userId)));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
    }

    static String placement() {
        String key = "place-" + (++counter);
        assertThat(api.post("/api/v1/placements", json(m("key", key, "description", "test placement"))).status()).isEqualTo(201);
        return key;
    }

    @Test
    void anActiveBannerShowsToItsSegmentOnlyAndNotToTheExcluded() {
        String p = placement();
        String fans = segment("bf-1", "bf-2", "bf-3");
        String blocked = segment("bf-3");
        String id = activeBanner(p, "Welcome", 10, List.of(fans), List.of(blocked));

        JsonNode b = shown("bf-1", p, "hero");
        assertThat(b.get(p).get("id").asText()).isEqualTo(id);
        assertThat(b.get(p).get("title").asText()).isEqualTo("Welcome");
        assertThat(b.get(p).get("body").asText()).isEqualTo("Body of Welcome");
        assertThat(b.get(p).get("cta").get("url").asText()).isEqualTo("https://example.test/Welcome");
        assertThat(b.get(p).get("style").get("preset").asText()).isEqualTo("promo");
        assertThat(b.get(p).get("dismissible").asBoolean()).isTrue();
        assertThat(b.get(p).get("test").asBoolean()).isFalse();
        assertThat(b.has("hero")).as("every asked placement is answered").isTrue();
        assertThat(b.get("hero").isNull()).isTrue();
        assertThat(shown("bf-3", p).get(p).isNull()).as("excluded").isTrue();
        assertThat(shown("stranger", p).get(p).isNull()).as("not in the segment, no profile").isTrue();

        JsonNode campaign = api.get("/api/v1/campaigns/" + id).json();
        assertThat(campaign.get("weight").asInt()).isEqualTo(10);
        assertThat(campaign.get("content").get("placement").asText()).isEqualTo(p);
        assertThat(campaign.get("content").has("weight")).isFalse();
        assertThat(campaign.get("stats").get("impressions").asLong()).isZero();
        assertThat(api.get("/api/v1/campaigns/" + id + "/plan").json().get("audience").asLong()).isEqualTo(2);
    }

    @Test
    void everyoneIncludesUsersWithoutAProfile() {
        String p = placement();
        String id = activeBanner(p, "ForAll", 5, List.of("everyone"), List.of());
        assertThat(shown("nobody-knows-me", p).get(p).get("id").asText()).isEqualTo(id);
    }

    @Test
    void bannersRotateByWeight() {
        String p = placement();
        String who = segment("rot-1");
        String heavy = activeBanner(p, "Heavy", 75, List.of(who), List.of());
        String light = activeBanner(p, "Light", 25, List.of(who), List.of());
        Map<String, Integer> seen = new HashMap<>();
        int n = 800;
        for (int i = 0; i < n; i++) seen.merge(shown("rot-1", p).get(p).get("id").asText(), 1, Integer::sum);
        assertThat(seen.keySet()).containsExactlyInAnyOrder(heavy, light);
        // expected 600 / 200; sd = sqrt(800 * .75 * .25) ≈ 12.2; 5 sd either way
        assertThat(seen.get(heavy)).isBetween(539, 661);
    }

    @Test
    void aDismissedBannerStaysDismissedAndTheDailyCapHolds() {
        String p = placement();
        String who = segment("cap-1", "cap-2");
        String capped = banner(m("name", "Capped", "channel", "banner", "segments", List.of(who), "weight", 1,
                "maxImpressionsPerDay", 2, "content", content(p, "Capped")));
        api.post("/api/v1/campaigns/" + capped + "/schedule", "");

        event(capped, "impression", "cap-1");
        assertThat(shown("cap-1", p).get(p).get("id").asText()).isEqualTo(capped);
        event(capped, "impression", "cap-1");
        assertThat(shown("cap-1", p).get(p).isNull()).as("two impressions today: capped").isTrue();
        assertThat(shown("cap-2", p).get(p).get("id").asText()).as("the cap is per user").isEqualTo(capped);

        server.clock.advance(Duration.ofDays(1));
        assertThat(shown("cap-1", p).get(p).get("id").asText()).as("a new day").isEqualTo(capped);

        event(capped, "dismiss", "cap-2");
        assertThat(shown("cap-2", p).get(p).isNull()).isTrue();
        server.clock.advance(Duration.ofDays(3));
        assertThat(shown("cap-2", p).get(p).isNull()).as("dismissed for good").isTrue();
    }

    @Test
    void impressionsClicksAndViewersAreCountedAndRecordedAsEvents() {
        String p = placement();
        String who = segment("st-1", "st-2");
        String id = activeBanner(p, "Stats", 50, List.of(who), List.of());
        event(id, "impression", "st-1");
        event(id, "impression", "st-1");
        event(id, "impression", "st-2");
        event(id, "click", "st-2");
        JsonNode stats = api.get("/api/v1/campaigns/" + id).json().get("stats");
        assertThat(stats.get("impressions").asLong()).isEqualTo(3);
        assertThat(stats.get("uniqueViewers").asLong()).isEqualTo(2);
        assertThat(stats.get("clicks").asLong()).isEqualTo(1);
        assertThat(stats.get("clickRate").asDouble()).isEqualTo(1.0 / 3);
        assertThat(stats.get("byDay").get(0).get("day").asText()).isEqualTo(server.clock.instant().toString().substring(0, 10));

        server.app.bannerEvents().flush();
        JsonNode events = api.get("/api/v1/profiles/st-2/events").json().get("events");
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).contains("banner_impression", "banner_click");
        JsonNode click = null;
        for (JsonNode e : events) if (e.get("name").asText().equals("banner_click")) click = e;
        assertThat(click.get("properties").get("campaignId").asText()).isEqualTo(id);
        assertThat(click.get("properties").get("placement").asText()).isEqualTo(p);
    }

    @Test
    void aScheduledBannerStartsAndEndsOnTime() {
        String p = placement();
        String who = segment("tm-1");
        String id = banner(m("name", "Timed", "channel", "banner", "segments", List.of(who), "weight", 1,
                "expiresAt", server.clock.instant().plus(Duration.ofHours(3)).toString(), "content", content(p, "Timed")));
        Reply r = api.post("/api/v1/campaigns/" + id + "/schedule",
                json(m("sendAt", server.clock.instant().plus(Duration.ofHours(1)).toString())));
        assertThat(r.json().get("status").asText()).isEqualTo("scheduled");
        assertThat(shown("tm-1", p).get(p).isNull()).as("before its start").isTrue();

        server.clock.advance(Duration.ofHours(1));
        assertThat(shown("tm-1", p).get(p).get("id").asText()).as("from its start, before any round").isEqualTo(id);
        server.app.campaigns().tick();
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("status").asText()).isEqualTo("active");

        server.clock.advance(Duration.ofHours(2));
        assertThat(shown("tm-1", p).get(p).isNull()).as("from its expiry on, before any round").isTrue();
        assertThat(server.app.campaigns().tick()).contains("ended " + id);
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("status").asText()).isEqualTo("ended");
    }

    @Test
    void aChangeMadeOnAnotherNodeIsServedAfterTheNextRound() {
        String p = placement();
        String who = segment("nd-1");
        String id = banner(m("name", "Elsewhere", "channel", "banner", "segments", List.of(who), "content", content(p, "Elsewhere")));
        assertThat(server.app.banners().refreshIfChanged()).as("nothing changed").isFalse();
        // another node activates it: the shared store changes, this node's index does not know yet
        var store = server.app.storage().campaigns();
        var draft = store.find(id).orElseThrow();
        assertThat(store.update(draft.scheduledAt(server.clock.instant(), null, server.clock.instant())
                .with(dev.audience.campaign.CampaignStatus.ACTIVE, null, server.clock.instant()),
                dev.audience.campaign.CampaignStatus.DRAFT)).isTrue();
        assertThat(shown("nd-1", p).get(p).isNull()).isTrue();
        assertThat(server.app.banners().refreshIfChanged()).isTrue();
        assertThat(shown("nd-1", p).get(p).get("id").asText()).isEqualTo(id);
    }

    @Test
    void aCancelledBannerStopsShowing() {
        String p = placement();
        String who = segment("cn-1");
        String id = activeBanner(p, "Cancel me", 1, List.of(who), List.of());
        assertThat(shown("cn-1", p).get(p).get("id").asText()).isEqualTo(id);
        assertThat(api.post("/api/v1/campaigns/" + id + "/cancel", "").json().get("status").asText()).isEqualTo("cancelled");
        assertThat(shown("cn-1", p).get(p).isNull()).isTrue();
    }

    @Test
    void aTestShowsTheDraftOnlyToTheTestSegmentForAnHour() {
        String p = placement();
        String audience = segment("ts-1", "ts-2");
        String team = segment("ts-team");
        String id = banner(m("name", "Draft", "channel", "banner", "segments", List.of(audience), "content", content(p, "Draft")));
        assertThat(shown("ts-team", p).get(p).isNull()).isTrue();

        Reply notInternal = api.post("/api/v1/campaigns/" + id + "/test-send", json(m("segment", team)));
        assertThat(notInternal.status()).isEqualTo(400);
        assertThat(notInternal.json().get("errors").get(0).get("message").asText()).contains("internal segment");
        assertThat(api.patch("/api/v1/segments/" + team, json(m("internal", true))).status()).isEqualTo(200);
        Reply r = api.post("/api/v1/campaigns/" + id + "/test-send", json(m("segment", team)));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode seen = shown("ts-team", p).get(p);
        assertThat(seen.get("id").asText()).isEqualTo(id);
        assertThat(seen.get("test").asBoolean()).isTrue();
        assertThat(shown("ts-1", p).get(p).isNull()).as("the real audience sees nothing yet").isTrue();
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("status").asText()).isEqualTo("draft");

        assertThat(api.post("/api/v1/campaigns/" + id + "/test-send", json(m("userIds", List.of("ts-1")))).json()
                .get("errors").get(0).get("field").asText()).isEqualTo("userIds");
        event(id, "impression", "ts-team");
        event(id, "click", "ts-team");
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("stats").get("impressions").asLong())
                .as("test views are not counted").isZero();
        server.clock.advance(Duration.ofMinutes(61));
        assertThat(shown("ts-team", p).get(p).isNull()).as("the test is over").isTrue();
    }

    @Test
    void badBannersAreRefusedNamingEachField() {
        String who = segment();
        Reply r = api.post("/api/v1/campaigns", json(m("name", "Bad", "channel", "banner", "segments", List.of(who),
                "weight", 0, "maxImpressionsPerDay", 5000,
                "content", m("placement", "nowhere", "title", "", "imageUrl", "ftp://x.test/a.png",
                        "cta", m("label", "Go", "url", "javascript:alert(1)"),
                        "style", m("preset", "neon", "background", "red; position: fixed"), "dismissible", "yes"))));
        assertThat(r.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("weight", "content.dismissible");

        r = api.post("/api/v1/campaigns", json(m("name", "Bad", "channel", "banner", "segments", List.of(who),
                "maxImpressionsPerDay", 5000,
                "content", m("placement", "nowhere", "title", "", "imageUrl", "ftp://x.test/a.png",
                        "cta", m("label", "Go", "url", "javascript:alert(1)"),
                        "style", m("preset", "neon", "background", "red; position: fixed")))));
        assertThat(r.status()).isEqualTo(400);
        fields.clear();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("content.placement", "content.title", "content.imageUrl",
                "content.cta.url", "content.style.preset", "content.style.background", "maxImpressionsPerDay");

        assertThat(api.post("/api/v1/campaigns", json(m("name", "No content", "channel", "banner", "segments", List.of(who))))
                .json().get("errors").get(0).get("field").asText()).isEqualTo("content");
        assertThat(api.post("/api/v1/campaigns", json(m("name", "Weighted email", "channel", "email", "segments",
                List.of(who), "weight", 3))).json().toString()).contains("is only for banner campaigns");
    }

    @Test
    void servingAndTrackingNameWhatIsWrong() {
        Reply r = sdk.get("/api/v1/banners?placement=top");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("userId");
        r = sdk.get("/api/v1/banners?userId=u");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("placement");
        assertThat(sdk.post("/api/v1/banners/no-such-id/events", json(m("type", "click", "userId", "u"))).status()).isEqualTo(404);
        String p = placement();
        String id = activeBanner(p, "Typed", 1, List.of("everyone"), List.of());
        r = sdk.post("/api/v1/banners/" + id + "/events", json(m("type", "hover", "userId", "u")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("type");
        assertThat(server.api("").get("/api/v1/banners?userId=u&placement=top").status()).isEqualTo(401);
    }

    @Test
    void browsersOnAnyOriginMayCallServingAndTracking() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.app.server().port();
        HttpResponse<String> pre = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/banners/x/events"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://shop.example.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization");
        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/banners?userId=u&placement=top"))
                .header("Origin", "https://shop.example.test").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).as("errors are readable too").hasValue("*");
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/banners?userId=u&placement=top"))
                .header("Origin", "https://shop.example.test").header("Authorization", "Bearer " + server.publishableKey).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(ok.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }
}
