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
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Backend.class)
class PlacementsApiTest {
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

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        api.get("/api/v1/placements").json().get("placements").forEach(p -> keys.add(p.get("key").asText()));
        return keys;
    }

    @Test
    void theBuiltInPlacementsExistFromTheFirstStartAndAreNotAddedTwice() {
        assertThat(keys()).contains("hero", "sidebar", "top");
        JsonNode top = api.get("/api/v1/placements/top").json();
        assertThat(top.get("description").asText()).isNotBlank();

        server.clock.advance(Duration.ofHours(1));
        server.app.placements().ensureBuiltIns();
        assertThat(api.get("/api/v1/placements/top").json().get("createdAt").asText())
                .as("a second start leaves the existing row alone").isEqualTo(top.get("createdAt").asText());
        assertThat(keys().stream().filter("top"::equals)).hasSize(1);
    }

    @Test
    void aPlacementIsCreatedOnceAndListedByKey() {
        Reply created = api.post("/api/v1/placements", json(Map.of("key", "checkout-footer", "description", "Under the order summary")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("key").asText()).isEqualTo("checkout-footer");
        assertThat(created.json().get("createdAt").asText()).isEqualTo(server.clock.instant().toString());

        List<String> keys = keys();
        assertThat(keys).contains("checkout-footer").isSorted();
        assertThat(api.get("/api/v1/placements/checkout-footer").json().get("description").asText())
                .isEqualTo("Under the order summary");

        Reply again = api.post("/api/v1/placements", json(Map.of("key", "checkout-footer", "description", "other")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("checkout-footer");
        assertThat(api.get("/api/v1/placements/checkout-footer").json().get("description").asText())
                .as("the first one is kept").isEqualTo("Under the order summary");
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        Reply bad = api.post("/api/v1/placements", json(Map.of("key", "Has Spaces", "description", "tab\there", "colour", "red")));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("colour");

        Reply badKey = api.post("/api/v1/placements", json(Map.of("key", "Has Spaces", "description", "tab\there")));
        List<String> keyFields = new ArrayList<>();
        badKey.json().get("errors").forEach(e -> keyFields.add(e.get("field").asText()));
        assertThat(keyFields).containsExactlyInAnyOrder("key", "description");

        assertThat(api.post("/api/v1/placements", "{}").json().get("errors").get(0).get("field").asText()).isEqualTo("key");
        assertThat(api.post("/api/v1/placements", json(Map.of("key", "x".repeat(65)))).status()).isEqualTo(400);
        assertThat(keys()).doesNotContain("Has Spaces");

        assertThat(api.get("/api/v1/placements/nowhere").status()).isEqualTo(404);
        assertThat(server.api(server.publishableKey).get("/api/v1/placements").status()).isEqualTo(403);
    }

    @Test
    void aPlacementIsDescribedAnewAndDeletedUnlessABannerMayStillShowThere() {
        api.post("/api/v1/placements", json(Map.of("key", "footer", "description", "At the bottom")));
        Reply described = api.patch("/api/v1/placements/footer", json(Map.of("description", "Under everything")));
        assertThat(described.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/placements/footer").json().get("description").asText()).isEqualTo("Under everything");
        Reply bad = api.patch("/api/v1/placements/footer", json(Map.of("description", "tab\there", "key", "other")));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("key");
        assertThat(api.patch("/api/v1/placements/footer", "{}").status()).isEqualTo(400);
        assertThat(api.patch("/api/v1/placements/nowhere", json(Map.of("description", "x"))).status()).isEqualTo(404);

        api.post("/api/v1/segments", json(Map.of("key", "footer-people", "name", "Footer people", "type", "static")));
        String banner = api.post("/api/v1/campaigns", json(Map.of("name", "Footer sale", "channel", "banner", "segments",
                List.of("footer-people"), "content", Map.of("placement", "footer", "title", "Sale")))).json().get("id").asText();
        Reply used = api.delete("/api/v1/placements/footer");
        assertThat(used.status()).isEqualTo(409);
        assertThat(used.json().get("detail").asText()).contains("banner \"Footer sale\" (draft)");
        api.post("/api/v1/campaigns/" + banner + "/schedule", "");
        assertThat(api.delete("/api/v1/placements/footer").json().get("detail").asText()).contains("(active)");
        api.post("/api/v1/campaigns/" + banner + "/cancel", "");

        assertThat(api.delete("/api/v1/placements/footer").status()).as("an ended banner keeps only the name").isEqualTo(204);
        assertThat(api.get("/api/v1/placements/footer").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/placements/footer").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/" + banner).json().get("content").get("placement").asText()).isEqualTo("footer");
    }

    @Test
    void aDeletedBuiltInPlacementDoesNotComeBackAtTheNextStart() {
        assertThat(api.delete("/api/v1/placements/hero").status()).isEqualTo(204);
        server.app.placements().ensureBuiltIns();
        assertThat(keys()).doesNotContain("hero").contains("top", "sidebar");
        api.post("/api/v1/placements", json(Map.of("key", "hero", "description", "back for the other tests")));
    }
}
