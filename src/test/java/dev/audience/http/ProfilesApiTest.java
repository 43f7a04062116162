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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Backend.class)
class ProfilesApiTest {
    @Parameter
    Backend backend;

    static TestServer server;
    static ApiClient api;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend, Map.of("http.max_body_bytes", "65536"));
        api = server.api();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void putCreatesThenUpdatesAndMergesAttributes() {
        Reply created = api.put("/api/v1/profiles/ada", json(Map.of("email", "ada@example.com", "timezone", "Europe/London",
                "locale", "en-GB", "attributes", Map.of("plan", "pro", "first_name", "Ada"))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode p = created.json();
        assertThat(p.get("userId").asText()).isEqualTo("ada");
        assertThat(p.get("emailStatus").asText()).isEqualTo("subscribed");
        assertThat(p.get("createdAt").asText()).isEqualTo("2026-11-01T12:00:00Z");

        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("plan", null);
        patch.put("seats", 3);
        Reply updated = api.put("/api/v1/profiles/ada", json(Map.of("attributes", patch, "emailStatus", "unsubscribed")));
        assertThat(updated.status()).isEqualTo(200);

        JsonNode got = api.get("/api/v1/profiles/ada").json();
        assertThat(got.get("attributes").has("plan")).as("a null attribute is removed").isFalse();
        assertThat(got.get("attributes").get("first_name").asText()).isEqualTo("Ada");
        assertThat(got.get("attributes").get("seats").asInt()).isEqualTo(3);
        assertThat(got.get("email").asText()).as("fields not named are kept").isEqualTo("ada@example.com");
        assertThat(got.get("emailStatus").asText()).isEqualTo("unsubscribed");
        assertThat(got.get("timezone").asText()).isEqualTo("Europe/London");
        assertThat(got.get("locale").asText()).isEqualTo("en-GB");
        assertThat(got.get("pushTokens").isArray()).isTrue();
        assertThat(got.has("updatedAt")).isTrue();

        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("email", null);
        api.put("/api/v1/profiles/ada", json(clear));
        assertThat(api.get("/api/v1/profiles/ada").json().get("email").isNull()).isTrue();
    }

    @Test
    void unknownProfileIsA404Problem() {
        Reply r = api.get("/api/v1/profiles/nobody-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("nobody-here");
        assertThat(r.json().get("type").asText()).as("the domain's problem, not a missing route").isEqualTo("/problems/not-found");
    }

    @Test
    void badFieldsAreNamed() {
        Reply r = api.put("/api/v1/profiles/bad", json(Map.of("email", "not-an-email", "timezone", "Mars/Base",
                "locale", "!!", "emailStatus", "maybe", "colour", "red")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("emailStatus", "colour");
        // shape errors come first; once the shape is right, the meaning is checked
        Reply meaning = api.put("/api/v1/profiles/bad", json(Map.of("email", "not-an-email", "timezone", "Mars/Base",
                "locale", "!!")));
        List<String> meaningFields = new ArrayList<>();
        meaning.json().get("errors").forEach(e -> meaningFields.add(e.get("field").asText()));
        assertThat(meaningFields).containsExactlyInAnyOrder("email", "timezone", "locale");
        assertThat(api.get("/api/v1/profiles/bad").status()).as("nothing was written").isEqualTo(404);

        Reply mismatch = api.put("/api/v1/profiles/bad", json(Map.of("userId", "other")));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("errors").get(0).get("field").asText()).isEqualTo("userId");

        Reply notObject = api.put("/api/v1/profiles/bad", json(Map.of("attributes", List.of(1, 2))));
        assertThat(notObject.json().get("errors").get(0).get("field").asText()).isEqualTo("attributes");

        Reply huge = api.put("/api/v1/profiles/bad", "{\"attributes\": {\"ltv\": 12.5, \"score\": [1, 1e400]}}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("errors").get(0).get("field").asText()).isEqualTo("attributes.score");
        assertThat(api.get("/api/v1/profiles/bad").status()).as("nothing was written").isEqualTo(404);

        Reply exact = api.put("/api/v1/profiles/decimals", "{\"attributes\": {\"ltv\": 0.1000000000000000055511151231257827}}");
        assertThat(exact.status()).isIn(200, 201);
        assertThat(api.get("/api/v1/profiles/decimals").body()).as("decimals read back as written")
                .contains("0.1000000000000000055511151231257827");
    }

    @Test
    void malformedJsonSaysWhere() {
        Reply r = api.put("/api/v1/profiles/x", "{\"email\": \"a@b.co\",\n  \"attributes\": {\"plan\" 1}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("line").asInt()).isEqualTo(2);
        assertThat(r.json().get("column").asInt()).isGreaterThan(10);
        assertThat(r.json().get("detail").asText()).contains("line 2");
    }

    @Test
    void tooLargeBodyIs413() {
        String big = "{\"attributes\": {\"blob\": \"" + "x".repeat(70_000) + "\"}}";
        Reply r = api.put("/api/v1/profiles/big", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/profiles/big").status()).isEqualTo(404);
    }

    @Test
    void batchKeepsTheGoodItemsAndReportsTheBadOnes() {
        Reply r = api.post("/api/v1/profiles/batch", json(Map.of("profiles", List.of(
                Map.of("userId", "b1", "email", "b1@example.com"),
                Map.of("userId", "b2", "email", "broken"),
                Map.of("email", "no-user@example.com"),
                Map.of("userId", "b3", "attributes", Map.of("plan", "team"))))));
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("created").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").asInt()).isEqualTo(2);
        JsonNode results = body.get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("created");
        assertThat(results.get(1).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("errors").get(0).get("field").asText()).isEqualTo("profiles[1].email");
        assertThat(results.get(2).get("errors").get(0).get("field").asText()).isEqualTo("profiles[2].userId");
        assertThat(api.get("/api/v1/profiles/b1").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/profiles/b2").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/profiles/b3").json().get("attributes").get("plan").asText()).isEqualTo("team");

        Reply again = api.post("/api/v1/profiles/batch", json(Map.of("profiles", List.of(Map.of("userId", "b1")))));
        assertThat(again.json().get("updated").asInt()).isEqualTo(1);

        Reply allBad = api.post("/api/v1/profiles/batch", json(Map.of("profiles", List.of(Map.of("userId", "z", "email", "x")))));
        assertThat(allBad.status()).isEqualTo(400);

        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) tooMany.add(Map.of("userId", "t" + i));
        Reply over = api.post("/api/v1/profiles/batch", json(Map.of("profiles", tooMany)));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().get("errors").get(0).get("field").asText()).isEqualTo("profiles");
        assertThat(api.get("/api/v1/profiles/t0").status()).isEqualTo(404);
    }

    /** A lone surrogate would be stored as "?" and land on another user's profile. */
    @Test
    void userIdsMustBeWellFormedUnicode() {
        Reply r = api.post("/api/v1/profiles/batch", "{\"profiles\": [{\"userId\": \"u\\ud800x\"}, {\"userId\": \"ok-1\"}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("results").get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(r.json().get("results").get(1).get("status").asText()).isEqualTo("created");
    }

    @Test
    void pushTokensAreAddedMovedAndRemoved() {
        String ios = "a".repeat(64);
        Reply added = api.post("/api/v1/profiles/phone-owner/push-tokens", json(Map.of("token", ios, "platform", "ios")));
        assertThat(added.status()).as("the profile is created when unknown").isEqualTo(201);
        assertThat(added.json().get("platform").asText()).isEqualTo("ios");
        JsonNode tokens = api.get("/api/v1/profiles/phone-owner").json().get("pushTokens");
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).get("token").asText()).isEqualTo(ios);

        api.post("/api/v1/profiles/new-owner/push-tokens", json(Map.of("token", ios, "platform", "ios")));
        assertThat(api.get("/api/v1/profiles/phone-owner").json().get("pushTokens")).as("a token moves").isEmpty();
        assertThat(api.get("/api/v1/profiles/new-owner").json().get("pushTokens")).hasSize(1);

        assertThat(api.delete("/api/v1/profiles/new-owner/push-tokens/" + ios).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/profiles/new-owner").json().get("pushTokens")).isEmpty();
        assertThat(api.delete("/api/v1/profiles/new-owner/push-tokens/" + ios).status()).isEqualTo(404);

        Reply bad = api.post("/api/v1/profiles/new-owner/push-tokens", json(Map.of("token", "short", "platform", "windows")));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("platform");
    }

    @Test
    void deleteErasesTheProfileAndItsEvents() {
        api.put("/api/v1/profiles/leaver", json(Map.of("email", "leaver@example.com")));
        api.post("/api/v1/profiles/leaver/push-tokens", json(Map.of("token", "b".repeat(64), "platform", "ios")));
        Reply ingest = api.post("/api/v1/events", json(Map.of("events", List.of(
                Map.of("userId", "leaver", "name", "page_view"), Map.of("userId", "leaver", "name", "purchase")))));
        assertThat(ingest.json().get("accepted").asInt()).isEqualTo(2);
        long before = server.app.events().count();

        assertThat(api.delete("/api/v1/profiles/leaver").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/profiles/leaver").status()).isEqualTo(404);
        assertThat(server.app.events().count()).isEqualTo(before - 2);
        assertThat(api.delete("/api/v1/profiles/leaver").status()).isEqualTo(404);

        // coming back is a new person: no old events, no old token
        api.post("/api/v1/events", json(Map.of("events", List.of(Map.of("userId", "leaver", "name", "app_open")))));
        JsonNode events = api.get("/api/v1/profiles/leaver/events").json().get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("name").asText()).isEqualTo("app_open");
        assertThat(api.get("/api/v1/profiles/leaver").json().get("pushTokens")).isEmpty();
    }

    @Test
    void concurrentWritersToOneProfileLoseNothing() throws Exception {
        api.put("/api/v1/profiles/busy", "{}");
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String attr = "k" + i;
                replies.add(pool.submit(() -> api.put("/api/v1/profiles/busy", json(Map.of("attributes", Map.of(attr, true))))));
            }
            for (Future<Reply> f : replies) assertThat(f.get().status()).isEqualTo(200);
        }
        JsonNode attrs = api.get("/api/v1/profiles/busy").json().get("attributes");
        for (int i = 0; i < 16; i++) assertThat(attrs.has("k" + i)).as("attribute k" + i).isTrue();
    }
}
