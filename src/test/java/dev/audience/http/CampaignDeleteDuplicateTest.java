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
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns over the API, on both back ends: the time zone a send time was chosen in is kept and returned; a campaign
 * that never reached anyone can be deleted (with its test sends), one that did is kept (409); a copy is a new draft.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class CampaignDeleteDuplicateTest {
    @Parameter
    Backend backend;

    static TestServer server;
    static ApiClient api;
    static int counter;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        api = server.api();
        api.put("/api/v1/profiles/ada", json(Map.of("email", "ada@example.com")));
        api.put("/api/v1/profiles/bob", json(Map.of("email", "bob@example.com")));
        api.post("/api/v1/segments", json(Map.of("key", "friends", "name", "Friends", "type", "static")));
        api.post("/api/v1/segments/friends/members", json(Map.of("userIds", List.of("ada", "bob"))));
        api.post("/api/v1/segments", json(Map.of("key", "team", "name", "Team", "type", "static", "internal", true)));
        api.post("/api/v1/segments/team/members", json(Map.of("userIds", List.of("ada"))));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static String email(String segment) {
        Reply r = api.post("/api/v1/campaigns", json(Map.of("name", "News " + (++counter), "channel", "email",
                "segments", List.of(segment), "excludeSegments", List.of("team"),
                "content", Map.of("fromName", "Acme", "fromEmail", "news@acme.test", "subject", "Hello", "text", "Hi"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static List<String> fields(Reply r) {
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    @Test
    void theTimeZoneASendTimeWasChosenInIsKeptReturnedAndCheckedByName() {
        String id = email("friends");
        for (String bad : List.of("Mars/Olympus", "+02:00", "")) {
            Reply r = api.post("/api/v1/campaigns/" + id + "/schedule", json(Map.of("sendAt", "2026-12-01T08:00:00Z",
                    "sendTimeZone", bad)));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(fields(r)).containsExactly("sendTimeZone");
            assertThat(r.json().get("errors").get(0).get("message").asText()).startsWith("must be an IANA time zone name");
        }
        assertThat(api.post("/api/v1/campaigns/" + id + "/schedule", json(Map.of("sendTimeZone", 2))).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("status").asText()).as("nothing half-done").isEqualTo("draft");

        Reply scheduled = api.post("/api/v1/campaigns/" + id + "/schedule", json(Map.of("sendAt", "2026-12-01T08:00:00Z",
                "sendTimeZone", "Europe/Paris")));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.json().get("sendTimeZone").asText()).isEqualTo("Europe/Paris");
        JsonNode read = api.get("/api/v1/campaigns/" + id).json();
        assertThat(read.get("sendAt").asText()).isEqualTo("2026-12-01T08:00:00Z");
        assertThat(read.get("sendTimeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(read.get("status").asText()).isEqualTo("scheduled");

        String plain = email("friends");
        JsonNode noZone = api.post("/api/v1/campaigns/" + plain + "/schedule", json(Map.of("sendAt", "2026-12-01T08:00:00Z")))
                .json();
        assertThat(noZone.get("sendTimeZone").isNull()).isTrue();
        assertThat(api.get("/api/v1/campaigns").json().get("campaigns").findValues("sendTimeZone")).as("in the list too")
                .anyMatch(z -> z.asText().equals("Europe/Paris"));
    }

    @Test
    void aDraftIsDeletedWithItsTestSendsAndAScheduledOneOnlyOnceCancelled() {
        String id = email("friends");
        Reply test = api.post("/api/v1/campaigns/" + id + "/test-send", json(Map.of("segment", "team")));
        assertThat(test.status()).as(test.body()).isEqualTo(202);
        String run = test.json().get("testRun").asText();
        assertThat(server.app.storage().ledger().testRun(id, run)).hasSize(1);

        assertThat(api.delete("/api/v1/campaigns/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/campaigns/" + id).status()).isEqualTo(404);
        assertThat(server.app.storage().ledger().testRun(id, run)).as("its test rows went with it").isEmpty();
        assertThat(api.delete("/api/v1/campaigns/" + id).status()).isEqualTo(404);

        String later = email("friends");
        api.post("/api/v1/campaigns/" + later + "/schedule", json(Map.of("sendAt", "2026-12-01T08:00:00Z")));
        Reply scheduled = api.delete("/api/v1/campaigns/" + later);
        assertThat(scheduled.status()).isEqualTo(409);
        assertThat(scheduled.json().get("detail").asText()).endsWith("is scheduled; cancel it first");
        api.post("/api/v1/campaigns/" + later + "/cancel", "");
        assertThat(api.delete("/api/v1/campaigns/" + later).status()).as("cancelled before it started").isEqualTo(204);
    }

    @Test
    void aCampaignThatReachedAnyoneIsKeptForItsRecord() {
        String id = email("friends");
        api.post("/api/v1/campaigns/" + id + "/schedule", "");
        assertThat(server.app.campaigns().tick()).contains("started " + id);
        api.post("/api/v1/campaigns/" + id + "/cancel", "");
        Reply refused = api.delete("/api/v1/campaigns/" + id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("has 1 message in the delivery ledger")
                .contains("kept for its record");
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("status").asText()).isEqualTo("cancelled");
        assertThat(server.app.storage().ledger().counts(id).values().stream().mapToLong(Long::longValue).sum())
                .as("its ledger is untouched").isEqualTo(1);

        Reply banner = api.post("/api/v1/campaigns", json(Map.of("name", "Sale", "channel", "banner", "segments",
                List.of("friends"), "content", Map.of("placement", "top", "title", "Sale"))));
        String bannerId = banner.json().get("id").asText();
        api.post("/api/v1/campaigns/" + bannerId + "/schedule", "");
        api.post("/api/v1/campaigns/" + bannerId + "/cancel", "");
        Reply shown = api.delete("/api/v1/campaigns/" + bannerId);
        assertThat(shown.status()).isEqualTo(409);
        assertThat(shown.json().get("detail").asText()).contains("was shown");
    }

    @Test
    void aCopyIsANewDraftWithTheSameContentAndAudienceAndNoTimes() {
        String id = email("friends");
        api.patch("/api/v1/campaigns/" + id, json(Map.of("expiresAt", "2026-12-24T00:00:00Z")));
        api.post("/api/v1/campaigns/" + id + "/schedule", json(Map.of("sendAt", "2026-12-01T08:00:00Z",
                "sendTimeZone", "America/New_York")));
        JsonNode original = api.get("/api/v1/campaigns/" + id).json();

        Reply copy = api.post("/api/v1/campaigns/" + id + "/duplicate", "");
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        JsonNode c = copy.json();
        assertThat(c.get("id").asText()).isNotEqualTo(id);
        assertThat(c.get("name").asText()).isEqualTo("Copy of " + original.get("name").asText());
        assertThat(c.get("status").asText()).isEqualTo("draft");
        assertThat(c.get("channel").asText()).isEqualTo("email");
        assertThat(c.get("content")).isEqualTo(original.get("content"));
        assertThat(c.get("segments")).isEqualTo(original.get("segments"));
        assertThat(c.get("excludeSegments")).isEqualTo(original.get("excludeSegments"));
        assertThat(c.get("sendAt").isNull()).isTrue();
        assertThat(c.get("sendTimeZone").isNull()).isTrue();
        assertThat(c.get("expiresAt").isNull()).isTrue();
        assertThat(api.get("/api/v1/campaigns/" + c.get("id").asText()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("status").asText()).as("the original as it was")
                .isEqualTo("scheduled");

        // a copy is checked as a new campaign: a segment deleted since is refused at its field, and nothing is made
        api.post("/api/v1/segments", json(Map.of("key", "gone", "name", "Gone", "type", "static")));
        String old = email("gone");
        api.post("/api/v1/campaigns/" + old + "/schedule", json(Map.of("sendAt", "2026-12-01T08:00:00Z")));
        api.post("/api/v1/campaigns/" + old + "/cancel", "");
        assertThat(api.delete("/api/v1/segments/gone").status()).isEqualTo(204);
        int before = api.get("/api/v1/campaigns").json().get("campaigns").size();
        Reply refused = api.post("/api/v1/campaigns/" + old + "/duplicate", "");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("segments[0]");
        assertThat(api.get("/api/v1/campaigns").json().get("campaigns").size()).isEqualTo(before);
        assertThat(api.post("/api/v1/campaigns/nope/duplicate", "").status()).isEqualTo(404);
    }
}
