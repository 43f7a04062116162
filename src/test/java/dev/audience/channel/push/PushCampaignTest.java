package dev.audience.channel.push;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.testing.ApiClient;
import dev.audience.testing.ApiClient.Reply;
import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push campaigns end to end: the real server, Pushy's MockApnsServer over TLS with token authentication,
 * and an in-process server speaking FCM v1 and its OAuth token endpoint.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class PushCampaignTest {
    @Parameter
    Backend backend;

    static Path dir;
    static MockApns apns;
    static FakeFcm fcm;
    static TestServer server;
    static ApiClient api;
    static int counter;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) throws Exception {
        dir = Files.createTempDirectory("push-campaign");
        apns = new MockApns(dir);
        fcm = new FakeFcm(dir);
        Map<String, String> push = new LinkedHashMap<>();
        push.put("apns.key_file", apns.keyFile.toString());
        push.put("apns.key_id", MockApns.KEY_ID);
        push.put("apns.team_id", MockApns.TEAM_ID);
        push.put("apns.topic", MockApns.TOPIC);
        push.put("apns.server", "127.0.0.1:" + apns.port);
        push.put("apns.trust_file", apns.trustFile.toString());
        push.put("fcm.credentials_file", fcm.credentialsFile.toString());
        push.put("fcm.endpoint", fcm.endpoint().toString());
        server = new TestServer(backend, push);
        api = server.api();
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        server.close();
        apns.close();
        fcm.close();
    }

    @BeforeEach
    void reset() {
        apns.accepted.clear();
        apns.rejected.clear();
        fcm.drain();
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    static void profile(String userId, String name, String platform, String token) {
        assertThat(api.put("/api/v1/profiles/" + userId, json(m("attributes", m("first_name", name)))).status()).isBetween(200, 201);
        if (token != null) {
            Reply r = api.post("/api/v1/profiles/" + userId + "/push-tokens", json(m("token", token, "platform", platform)));
            assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        }
    }

    static String segment(String... userIds) {
        String key = "push-seg-" + (++counter);
        api.post("/api/v1/segments", json(m("key", key, "name", key, "type", "static")));
        api.post("/api/v1/segments/" + key + "/members", json(m("userIds", List.of(userIds))));
        return key;
    }

    static Map<String, Object> content() {
        return m("title", "Hi {{ profile.first_name }}", "body", "Your offer is waiting",
                "imageUrl", "https://cdn.example.test/offer.png", "url", "myapp://offers/42",
                "actions", List.of(m("id", "open", "label", "Open", "url", "myapp://offers/42"),
                        m("id", "later", "label", "Later", "url", "https://example.test/later")),
                "data", m("offer", "42"),
                "ios", m("sound", "default", "badge", 1, "threadId", "offers", "interruptionLevel", "time-sensitive"),
                "android", m("channelId", "offers", "priority", "high", "color", "#ff6600"));
    }

    static String campaign(String segment) {
        Reply r = api.post("/api/v1/campaigns", json(m("name", "Offer", "channel", "push", "segments", List.of(segment),
                "content", content())));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static JsonNode send(String id) {
        assertThat(api.post("/api/v1/campaigns/" + id + "/schedule", "").status()).isEqualTo(200);
        server.app.campaigns().tick();
        server.app.push().drain();
        server.app.campaigns().tick();
        return api.get("/api/v1/campaigns/" + id).json();
    }

    static JsonNode deliveries(String id) {
        return api.get("/api/v1/campaigns/" + id + "/deliveries").json().get("deliveries");
    }

    @Test
    void aPushWithImageAndButtonsGoesFromDraftToSentOnBothProvidersAndDeadTokensAreRetired() throws Exception {
        String p = "pc" + (++counter) + "-";
        profile(p + "ios", "Ada", "ios", MockApns.GOOD_TOKEN);
        profile(p + "android", "Bea", "android", "fcm-device-" + p + "1234567890");
        profile(p + "dead", "Cy", "ios", MockApns.UNREGISTERED_TOKEN);
        profile(p + "none", "Di", null, null);
        String id = campaign(segment(p + "ios", p + "android", p + "dead", p + "none"));

        JsonNode plan = api.get("/api/v1/campaigns/" + id + "/plan").json();
        assertThat(plan.get("audience").asLong()).isEqualTo(4);
        assertThat(plan.get("reachable").asLong()).isEqualTo(3);
        assertThat(plan.get("skipped").get("no device").asLong()).isEqualTo(1);

        JsonNode done = send(id);
        assertThat(done.get("status").asText()).isEqualTo("sent");
        assertThat(done.get("counts").get("sent").asLong()).isEqualTo(2);
        assertThat(done.get("counts").get("failed").asLong()).isEqualTo(1);
        assertThat(done.get("counts").get("skipped").asLong()).isEqualTo(1);

        ApnsPushNotification ios = apns.nextAccepted();
        assertThat(ios.getToken()).isEqualTo(MockApns.GOOD_TOKEN);
        assertThat(ios.getPayload()).contains("\"title\":\"Hi Ada\"", "\"mutable-content\":1", "\"label\":\"Later\"",
                "\"interruption-level\":\"time-sensitive\"");
        FakeFcm.Received android = fcm.nextSend();
        assertThat(android.body().path("message").path("token").asText()).isEqualTo("fcm-device-" + p + "1234567890");
        assertThat(android.body().toString()).contains("Hi Bea").contains("myapp://offers/42");

        Map<String, JsonNode> rows = new LinkedHashMap<>();
        deliveries(id).forEach(d -> rows.put(d.get("status").asText() + ":" + d.get("ordinal").asInt(), d));
        JsonNode failed = null;
        for (JsonNode d : deliveries(id)) if (d.get("status").asText().equals("failed")) failed = d;
        assertThat(failed.get("reason").asText()).isEqualTo("APNs 410 Unregistered");
        assertThat(failed.get("devices").get(0).get("outcome").asText()).isEqualTo("token-invalid");
        assertThat(failed.get("devices").get(0).get("token").asText()).isEqualTo(MockApns.UNREGISTERED_TOKEN);

        JsonNode token = api.get("/api/v1/profiles/" + p + "dead").json().get("pushTokens").get(0);
        assertThat(token.get("valid").asBoolean()).isFalse();
        assertThat(token.get("invalidReason").asText()).contains("Unregistered");
        // a retired token is never used again: the next campaign skips that person
        String again = campaign(segment(p + "dead"));
        assertThat(api.get("/api/v1/campaigns/" + again + "/plan").json().get("reachable").asLong()).isZero();
        // registering it again (the app came back) makes it valid
        api.post("/api/v1/profiles/" + p + "dead/push-tokens", json(m("token", MockApns.UNREGISTERED_TOKEN, "platform", "ios")));
        assertThat(api.get("/api/v1/profiles/" + p + "dead").json().get("pushTokens").get(0).get("valid").asBoolean()).isTrue();
    }

    @Test
    void aThrottledDeviceIsRetriedLaterAndEveryAttemptIsRecorded() throws Exception {
        String p = "pt" + (++counter) + "-";
        profile(p + "ios", "Ada", "ios", MockApns.GOOD_TOKEN);
        String id = campaign(segment(p + "ios"));
        apns.throttleNext.set(1);
        JsonNode first = send(id);
        assertThat(first.get("status").asText()).isEqualTo("sending");
        assertThat(first.get("counts").get("retrying").asLong()).isEqualTo(1);

        server.clock.advance(Duration.ofMinutes(2));
        server.app.push().drain();
        server.app.campaigns().tick();
        JsonNode done = api.get("/api/v1/campaigns/" + id).json();
        assertThat(done.get("status").asText()).isEqualTo("sent");
        JsonNode row = deliveries(id).get(0);
        assertThat(row.get("attempts").asInt()).isEqualTo(2);
        List<String> outcomes = new ArrayList<>();
        row.get("devices").forEach(d -> outcomes.add(d.get("attempt").asInt() + " " + d.get("outcome").asText()));
        assertThat(outcomes).containsExactly("1 retry-later", "2 accepted");
        assertThat(apns.nextAccepted().getPayload()).contains("Hi Ada");
    }

    @Test
    void aTestSendGoesOnlyToTheTestersMarkedAsATest() throws Exception {
        String p = "ps" + (++counter) + "-";
        profile(p + "ios", "Ada", "ios", MockApns.GOOD_TOKEN);
        profile(p + "other", "Bo", "android", "fcm-other-" + p + "1234567890");
        String id = campaign(segment(p + "ios", p + "other"));
        Reply r = api.post("/api/v1/campaigns/" + id + "/test-send", json(m("userIds", List.of(p + "ios"))));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("queued").asInt()).isEqualTo(1);
        server.app.push().drain();
        assertThat(apns.nextAccepted().getPayload()).contains("[TEST] Hi Ada");
        assertThat(fcm.drain()).isEmpty();
        JsonNode c = api.get("/api/v1/campaigns/" + id).json();
        assertThat(c.get("status").asText()).isEqualTo("draft");
        assertThat(c.get("counts").get("sent").asLong()).as("tests are not counted").isZero();
    }

    @Test
    void badPushContentIsRefusedNamingEachField() {
        String seg = segment();
        Map<String, Object> bad = content();
        bad.put("imageUrl", "http://cdn.example.test/a.png");
        bad.put("actions", List.of(m("id", "a", "label", "A", "url", "myapp://a"), m("id", "b", "label", "B", "url", "myapp://b"),
                m("id", "c", "label", "C", "url", "myapp://c"), m("id", "d", "label", "D", "url", "myapp://d")));
        bad.put("android", m("priority", "urgent"));
        Reply r = api.post("/api/v1/campaigns", json(m("name", "Bad", "channel", "push", "segments", List.of(seg), "content", bad)));
        assertThat(r.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("content.imageUrl", "content.actions[3]", "content.android.priority");

        Map<String, Object> wrongType = content();
        wrongType.put("ios", m("badge", "many"));
        r = api.post("/api/v1/campaigns", json(m("name", "Bad", "channel", "push", "segments", List.of(seg), "content", wrongType)));
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("content.ios.badge");
        assertThat(r.json().get("errors").get(0).get("message").asText()).isEqualTo("must be a whole number");

        Map<String, Object> unknown = content();
        unknown.put("sound", "ding");
        r = api.post("/api/v1/campaigns", json(m("name", "Bad", "channel", "push", "segments", List.of(seg), "content", unknown)));
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("content.sound");
    }
}
