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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Backend.class)
class EventsApiTest {
    @Parameter
    Backend backend;

    static TestServer server;
    static ApiClient api;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        api = server.api();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static Map<String, Object> event(String user, String name, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", user);
        m.put("name", name);
        for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
        return m;
    }

    private static Reply send(ApiClient client, List<Map<String, Object>> events) {
        return client.post("/api/v1/events", json(Map.of("events", events)));
    }

    @Test
    void eventsAreStoredAndUnknownUsersCreated() {
        Reply r = send(api, List.of(
                event("ev-new", "page_view", "timestamp", "2026-10-30T08:00:00+02:00", "properties", Map.of("url", "/pricing")),
                event("ev-new", "purchase", "timestamp", "2026-10-31T09:30:00Z", "properties", Map.of("amount", 42))));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/profiles/ev-new").status()).as("the unknown user now has a profile").isEqualTo(200);

        JsonNode list = api.get("/api/v1/profiles/ev-new/events").json().get("events");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asText()).as("newest first").isEqualTo("purchase");
        assertThat(list.get(0).get("properties").get("amount").asInt()).isEqualTo(42);
        assertThat(list.get(1).get("timestamp").asText()).as("offsets are normalised to UTC").isEqualTo("2026-10-30T06:00:00Z");
        assertThat(list.get(1).get("properties").get("url").asText()).isEqualTo("/pricing");
    }

    @Test
    void aSmallBodyAfterALargeOneIsReadAsItselfAlone() {
        // Bodies are read into reused arrays: a short body lands in an array still holding the end of a long one.
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) many.add(event("ev-big-" + (i % 7), "page_view", "properties", Map.of("pad", "x".repeat(200))));
        assertThat(send(api, many).json().get("accepted").asInt()).isEqualTo(3_000);

        // Cut short: read past its own length, the parser would find the long body's remaining events and a close.
        String cut = "{\"events\":[{\"userId\":\"ev-small\",\"name\":\"app_open\"}";
        Reply truncated = api.post("/api/v1/events", cut);
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("detail").asText()).contains("not valid JSON");
        assertThat(api.get("/api/v1/profiles/ev-small").status()).as("nothing stored from the cut body").isEqualTo(404);

        Reply small = send(api, List.of(event("ev-small", "app_open")));
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.json().get("accepted").asInt()).isEqualTo(1);
        JsonNode list = api.get("/api/v1/profiles/ev-small/events").json().get("events");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("app_open");
    }

    @Test
    void missingTimestampMeansNow() {
        send(api, List.of(event("ev-now", "app_open")));
        JsonNode e = api.get("/api/v1/profiles/ev-now/events").json().get("events").get(0);
        assertThat(e.get("timestamp").asText()).isEqualTo(server.clock.instant().toString());
        assertThat(e.get("receivedAt").asText()).isEqualTo(server.clock.instant().toString());
    }

    @Test
    void aRepeatedMessageIdIsStoredOnce() {
        Reply first = send(api, List.of(
                event("ev-dup", "page_view", "messageId", "msg-1"),
                event("ev-dup", "page_view", "messageId", "msg-1"),
                event("ev-dup", "page_view", "messageId", "msg-2"),
                event("ev-dup", "page_view")));
        assertThat(first.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(first.json().get("duplicates").asInt()).isEqualTo(1);

        Reply again = send(api, List.of(event("ev-dup", "page_view", "messageId", "msg-2"),
                event("ev-dup", "page_view", "messageId", "msg-3")));
        assertThat(again.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/profiles/ev-dup/events").json().get("events")).hasSize(4);
    }

    @Test
    void aBadEventDoesNotSinkTheOthers() {
        Reply r = send(api, List.of(
                event("ev-mixed", "page_view"),
                event("ev-mixed", "has spaces!"),
                event("ev-mixed", "page_view", "timestamp", "yesterday"),
                event("ev-mixed", "page_view", "colour", "red"),
                event("ev-mixed", "page_view", "timestamp", server.clock.instant().plus(Duration.ofDays(3)).toString()),
                Map.of("name", "page_view"),
                event("ev-mixed", "signup")));
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").asInt()).isEqualTo(5);
        List<String> fields = new ArrayList<>();
        body.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("events[1].name", "events[2].timestamp", "events[3].colour",
                "events[4].timestamp", "events[5].userId");
        assertThat(api.get("/api/v1/profiles/ev-mixed/events").json().get("events")).hasSize(2);
    }

    @Test
    void propertyNumbersKeepTheirTextAndOnesBeyondADoubleAreRefused() {
        Reply r = api.post("/api/v1/events", "{\"events\": ["
                + "{\"userId\": \"ev-num\", \"name\": \"purchase\", \"properties\": {\"amount\": 19.990000000000000001, \"n\": {\"big\": [1e400]}}},"
                + "{\"userId\": \"ev-num\", \"name\": \"purchase\", \"properties\": {\"amount\": 19.990000000000000001}}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("events[0].properties");
        assertThat(api.get("/api/v1/profiles/ev-num/events").body()).contains("19.990000000000000001");
    }

    @Test
    void aBatchOfOnlyBadEventsIs400AndAnOversizedBatchIsRefusedWhole() {
        Reply bad = send(api, List.of(event("ev-bad", "")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("events[0].name");

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) many.add(event("ev-many", "page_view"));
        Reply over = send(api, many);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().get("errors").get(0).get("message").asText()).contains("10000");
        assertThat(api.get("/api/v1/profiles/ev-many").status()).isEqualTo(404);

        Reply noEvents = api.post("/api/v1/events", "{\"event\": []}");
        assertThat(noEvents.status()).isEqualTo(400);
    }

    @Test
    void aFullBatchOfTenThousandIsAccepted() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(event("ev-bulk-" + (i % 500), "page_view", "messageId", "bulk-" + i, "properties", Map.of("i", i)));
        }
        Reply r = send(api, many);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(10_000);
        assertThat(api.get("/api/v1/profiles/ev-bulk-499/events?limit=1000").json().get("events")).hasSize(20);
    }

    @Test
    void listLimitIsChecked() {
        send(api, List.of(event("ev-limit", "a1"), event("ev-limit", "a2"), event("ev-limit", "a3")));
        assertThat(api.get("/api/v1/profiles/ev-limit/events?limit=2").json().get("events")).hasSize(2);
        Reply bad = api.get("/api/v1/profiles/ev-limit/events?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("limit");
        assertThat(api.get("/api/v1/profiles/nobody/events").status()).isEqualTo(404);
    }

    @Test
    void keysDecideWhoMaySendAndRead() {
        ApiClient publishable = api.withKey(server.publishableKey);
        assertThat(send(publishable, List.of(event("ev-pk", "page_view"))).status())
                .as("a publishable key may send events").isEqualTo(200);
        Reply forbidden = publishable.get("/api/v1/profiles/ev-pk");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(publishable.get("/api/v1/profiles/ev-pk/events").status()).isEqualTo(403);
        assertThat(api.withKey(null).post("/api/v1/events", "{\"events\":[]}").status()).isEqualTo(401);
        assertThat(api.withKey("aud_sk_not-a-real-key").get("/api/v1/profiles/ev-pk").status()).isEqualTo(401);
        assertThat(api.withKey(TestServer.BOOTSTRAP_KEY).get("/api/v1/profiles/ev-pk").status())
                .as("the bootstrap key is a secret key").isEqualTo(200);
    }
}
