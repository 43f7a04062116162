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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An experiment's results from its real exposure events, on both event stores (DuckDB, PostgreSQL): people per variant
 * under their first exposure, exposure events, conversions to a goal event done after the first exposure; and copies
 * and deletion of experiments and flags.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ExperimentResultsTest {
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

    private static String variantOf(String experiment, String user) {
        return api.get("/api/v1/experiments/" + experiment + "/assignment?userId=" + user).json().get("variant").asText();
    }

    private static Map<String, JsonNode> byVariant(JsonNode results) {
        Map<String, JsonNode> out = new HashMap<>();
        results.get("variants").forEach(v -> out.put(v.get("key").asText(), v));
        return out;
    }

    private static void event(String user, String name, String timestamp) {
        Reply r = api.post("/api/v1/events", json(Map.of("events", List.of(Map.of("userId", user, "name", name,
                "timestamp", timestamp)))));
        assertThat(r.status()).as(r.body()).isLessThan(300);
    }

    @Test
    void peopleAreCountedUnderTheirFirstVariantAndConvertOnlyAfterTheirFirstExposure() {
        api.post("/api/v1/experiments", json(Map.of("key", "checkout", "name", "Checkout", "variants", List.of(
                Map.of("key", "control", "weight", 1), Map.of("key", "one-page", "weight", 1)))));
        JsonNode before = api.get("/api/v1/experiments/checkout/results").json();
        assertThat(before.get("users").asLong()).isZero();
        assertThat(before.get("variants")).as("every variant, with zeros").hasSize(2);
        api.post("/api/v1/experiments/checkout/start", "");

        String exposedAt = server.clock.instant().toString();
        Map<String, String> variant = new HashMap<>();
        for (int i = 0; i < 40; i++) variant.put("r" + i, variantOf("checkout", "r" + i));
        server.app.exposures().flush();
        // a second day: the same people exposed again (one more exposure event each), nobody new
        server.clock.advance(Duration.ofDays(1));
        for (int i = 0; i < 10; i++) variantOf("checkout", "r" + i);
        server.app.exposures().flush();

        // the goal: a third of each variant's people buy after their exposure (the 1st, 4th, 7th... of each, so the
        // rates match whatever the split); r1 only bought before it (not a conversion)
        Map<String, Long> converted = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        String after = server.clock.instant().toString();
        for (int i = 0; i < 40; i++) {
            if (i == 1) continue;
            String v = variant.get("r" + i);
            if (seen.merge(v, 1, Integer::sum) % 3 != 1) continue;
            event("r" + i, "purchase", after);
            converted.merge(v, 1L, Long::sum);
        }
        event("r1", "purchase", java.time.Instant.parse(exposedAt).minus(Duration.ofHours(2)).toString());
        event("r2", "page_view", after);

        Map<String, Long> users = new HashMap<>();
        variant.values().forEach(v -> users.merge(v, 1L, Long::sum));
        assertThat(users.keySet()).as("both variants drawn").containsExactlyInAnyOrder("control", "one-page");

        JsonNode plain = api.get("/api/v1/experiments/checkout/results").json();
        assertThat(plain.get("goal").isNull()).isTrue();
        assertThat(plain.get("control").asText()).isEqualTo("control");
        assertThat(plain.get("users").asLong()).isEqualTo(40);
        assertThat(plain.get("exposures").asLong()).isEqualTo(50);
        for (var e : byVariant(plain).entrySet()) {
            assertThat(e.getValue().get("users").asLong()).as(e.getKey()).isEqualTo(users.get(e.getKey()));
            assertThat(e.getValue().get("conversions").isNull()).isTrue();
            assertThat(e.getValue().get("verdict").asText()).isEqualTo("none");
        }

        JsonNode withGoal = api.get("/api/v1/experiments/checkout/results?goal=purchase").json();
        assertThat(withGoal.get("goal").asText()).isEqualTo("purchase");
        Map<String, JsonNode> v = byVariant(withGoal);
        for (String k : List.of("control", "one-page")) {
            long n = converted.getOrDefault(k, 0L);
            assertThat(v.get(k).get("conversions").asLong()).as(k).isEqualTo(n);
            assertThat(v.get(k).get("conversionRate").asDouble()).as(k).isCloseTo(n / (double) users.get(k),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(v.get("control").get("lift").isNull()).as("the control is the baseline").isTrue();
        assertThat(v.get("control").get("verdict").asText()).isEqualTo("none");
        assertThat(v.get("one-page").get("verdict").asText()).as("a third of each group buys: no difference to find")
                .isIn("too-few", "not-significant");

        Reply bad = api.get("/api/v1/experiments/checkout/results?goal=" + java.net.URLEncoder.encode("not an event!",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("goal");
        assertThat(api.get("/api/v1/experiments/nothing/results").status()).isEqualTo(404);
        assertThat(server.api(server.publishableKey).get("/api/v1/experiments/checkout/results").status()).isEqualTo(403);
        api.post("/api/v1/experiments/checkout/stop", "");
    }

    /**
     * The exposure event's name is not reserved: an app (or another A/B tool) may send experiment_exposure events of
     * its own, for example without a variant. Those expose nobody to a variant: the results leave them out, and a goal
     * still compares the variants (a person under no variant used to fail the comparison with the control).
     */
    @Test
    void exposureEventsWithoutAVariantAreLeftOut() {
        api.post("/api/v1/experiments", json(Map.of("key", "stray", "name", "Stray", "variants", List.of(
                Map.of("key", "a", "weight", 1), Map.of("key", "b", "weight", 1)))));
        api.post("/api/v1/experiments/stray/start", "");
        variantOf("stray", "s1");
        server.app.exposures().flush();
        String now = server.clock.instant().toString();
        Reply sent = api.post("/api/v1/events", json(Map.of("events", List.of(Map.of("userId", "s2",
                "name", "experiment_exposure", "timestamp", now, "properties", Map.of("experiment", "stray"))))));
        assertThat(sent.status()).as(sent.body()).isLessThan(300);
        event("s2", "purchase", now);

        for (String query : List.of("", "?goal=purchase")) {
            Reply r = api.get("/api/v1/experiments/stray/results" + query);
            assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
            assertThat(r.json().get("users").asLong()).as(query).isEqualTo(1);
            assertThat(byVariant(r.json()).keySet()).as(query).containsExactlyInAnyOrder("a", "b");
        }
        api.post("/api/v1/experiments/stray/stop", "");
    }

    @Test
    void anExperimentMadeAgainUnderTheSameKeyStartsItsResultsAfresh() {
        api.post("/api/v1/experiments", json(Map.of("key", "again", "name", "Again", "variants", List.of(
                Map.of("key", "a", "weight", 1), Map.of("key", "b", "weight", 1)))));
        api.post("/api/v1/experiments/again/start", "");
        variantOf("again", "old-user");
        server.app.exposures().flush();
        api.post("/api/v1/experiments/again/stop", "");
        assertThat(api.get("/api/v1/experiments/again/results").json().get("users").asLong()).isEqualTo(1);
        assertThat(api.delete("/api/v1/experiments/again").status()).isEqualTo(204);

        server.clock.advance(Duration.ofMinutes(1));
        api.post("/api/v1/experiments", json(Map.of("key", "again", "name", "Again", "variants", List.of(
                Map.of("key", "a", "weight", 1), Map.of("key", "b", "weight", 1)))));
        assertThat(api.get("/api/v1/experiments/again/results").json().get("users").asLong()).isZero();
    }

    @Test
    void anExperimentOrAFlagIsCopiedUnderANewKeyAndDeleted() {
        api.post("/api/v1/segments", json(Map.of("key", "beta", "name", "Beta", "type", "static")));
        api.post("/api/v1/experiments", json(Map.of("key", "hero", "name", "Hero", "segments", List.of("beta"),
                "allocation", 40, "variants", List.of(Map.of("key", "control", "weight", 1), Map.of("key", "big", "weight", 3)))));
        api.post("/api/v1/experiments/hero/start", "");
        Reply noKey = api.post("/api/v1/experiments/hero/duplicate", "{}");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().get("errors").get(0).get("field").asText()).isEqualTo("key");
        assertThat(api.post("/api/v1/experiments/hero/duplicate", json(Map.of("key", "hero"))).status()).isEqualTo(409);

        Reply copy = api.post("/api/v1/experiments/hero/duplicate", json(Map.of("key", "hero-2")));
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        JsonNode c = copy.json();
        JsonNode original = api.get("/api/v1/experiments/hero").json();
        assertThat(c.get("name").asText()).isEqualTo("Copy of Hero");
        assertThat(c.get("status").asText()).isEqualTo("draft");
        for (String f : List.of("variants", "segments", "excludeSegments", "allocation")) {
            assertThat(c.get(f)).as(f).isEqualTo(original.get(f));
        }
        assertThat(api.post("/api/v1/experiments/hero/duplicate", json(Map.of("key", "hero-3", "name", "Hero again")))
                .json().get("name").asText()).isEqualTo("Hero again");

        Reply running = api.delete("/api/v1/experiments/hero");
        assertThat(running.status()).isEqualTo(409);
        assertThat(running.json().get("detail").asText()).contains("stop it first");
        assertThat(api.delete("/api/v1/experiments/hero-2").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/experiments/hero-2").status()).isEqualTo(404);

        api.post("/api/v1/flags", json(Map.of("key", "nav", "name", "Nav", "enabled", true, "rollout", 30,
                "excludeSegments", List.of("beta"))));
        Reply flagCopy = api.post("/api/v1/flags/nav/duplicate", json(Map.of("key", "nav-2")));
        assertThat(flagCopy.status()).as(flagCopy.body()).isEqualTo(201);
        assertThat(flagCopy.json().get("enabled").asBoolean()).as("a copy starts off").isFalse();
        assertThat(flagCopy.json().get("rollout").asDouble()).isEqualTo(30.0);
        assertThat(flagCopy.json().get("excludeSegments").get(0).asText()).isEqualTo("beta");
        assertThat(flagCopy.json().get("name").asText()).isEqualTo("Copy of Nav");
        assertThat(api.post("/api/v1/flags/nav/duplicate", json(Map.of("key", "Bad Key"))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/flags/none/duplicate", json(Map.of("key", "x"))).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/flags/nav-2").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/flags/nav-2").status()).isEqualTo(404);
    }
}
