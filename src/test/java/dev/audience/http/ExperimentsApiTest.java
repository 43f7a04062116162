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
class ExperimentsApiTest {
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

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    private static List<Object> variants() {
        return List.of(m("key", "control", "weight", 50), m("key", "treatment", "weight", 50));
    }

    private static JsonNode assignment(ApiClient client, String experiment, String user) {
        Reply r = client.get("/api/v1/experiments/" + experiment + "/assignment?userId=" + user);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> fields(Reply r) {
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    @Test
    void anExperimentTargetsASegmentAndFollowsItAsItRefreshes() {
        api.put("/api/v1/profiles/ex-in", "{}");
        api.put("/api/v1/profiles/ex-later", "{}");
        api.post("/api/v1/events", json(m("events", List.of(m("userId", "ex-in", "name", "visit_pricing")))));
        assertThat(api.post("/api/v1/segments", json(m("key", "ex-pricing", "name", "Pricing", "type", "dynamic",
                "definition", "did visit_pricing ever"))).status()).isEqualTo(201);
        Reply created = api.post("/api/v1/experiments", json(m("key", "pricing-page", "name", "Pricing page",
                "variants", variants(), "segments", List.of("ex-pricing"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("draft");
        assertThat(assignment(api, "pricing-page", "ex-in").get("reason").asText()).isEqualTo("experiment is draft");

        assertThat(api.post("/api/v1/experiments/pricing-page/start", "").json().get("status").asText()).isEqualTo("running");
        JsonNode browser = assignment(api.withKey(server.publishableKey), "pricing-page", "ex-in");
        assertThat(browser.get("inExperiment").asBoolean()).isTrue();
        assertThat(browser.has("reason")).as("a publishable key learns nothing about segments").isFalse();
        JsonNode in = assignment(api, "pricing-page", "ex-in");
        assertThat(in.get("variant").asText()).isIn("control", "treatment").isEqualTo(browser.get("variant").asText());
        assertThat(in.get("reason").asText()).isEqualTo("in segment ex-pricing");
        assertThat(in.get("segmentVersion").asLong()).isEqualTo(1);
        assertThat(assignment(api, "pricing-page", "ex-later").get("inExperiment").asBoolean()).isFalse();

        // the user enters the segment at its next refresh, and the experiment with it
        api.post("/api/v1/events", json(m("events", List.of(m("userId", "ex-later", "name", "visit_pricing")))));
        api.post("/api/v1/segments/ex-pricing/refresh", "");
        JsonNode later = assignment(api, "pricing-page", "ex-later");
        assertThat(later.get("inExperiment").asBoolean()).isTrue();
        assertThat(later.get("segmentVersion").asLong()).isEqualTo(2);
        assertThat(assignment(api, "pricing-page", "ex-in").get("variant")).as("stable").isEqualTo(in.get("variant"));

        Reply inUse = api.delete("/api/v1/segments/ex-pricing");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("detail").asText()).contains("experiment \"pricing-page\"");

        assertThat(api.post("/api/v1/experiments/pricing-page/stop", "").json().get("status").asText()).isEqualTo("stopped");
        assertThat(assignment(api, "pricing-page", "ex-in").get("inExperiment").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/experiments/pricing-page/start", "").status()).as("no restart").isEqualTo(409);
        assertThat(api.patch("/api/v1/experiments/pricing-page", json(m("name", "x"))).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/experiments/pricing-page").status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/segments/ex-pricing").status()).isEqualTo(204);
    }

    @Test
    void theFirstAssignmentEachDayIsAnExposureEvent() {
        api.post("/api/v1/experiments", json(m("key", "exposed", "name", "Exposed", "variants", variants())));
        api.post("/api/v1/experiments/exposed/start", "");
        String variant = assignment(api, "exposed", "exp-user").get("variant").asText();
        assignment(api, "exposed", "exp-user");
        server.app.exposures().flush();
        JsonNode events = api.get("/api/v1/profiles/exp-user/events").json().get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("name").asText()).isEqualTo("experiment_exposure");
        assertThat(events.get(0).get("properties").get("experiment").asText()).isEqualTo("exposed");
        assertThat(events.get(0).get("properties").get("variant").asText()).isEqualTo(variant);

        server.clock.advance(Duration.ofDays(1));
        assignment(api, "exposed", "exp-user");
        assignment(api, "exposed", "exp-user");
        server.app.exposures().flush();
        assertThat(api.get("/api/v1/profiles/exp-user/events").json().get("events")).as("one more, the next day").hasSize(2);
        api.post("/api/v1/experiments/exposed/stop", "");
    }

    @Test
    void badExperimentsAreRefusedWithTheFieldNamed() {
        Reply one = api.post("/api/v1/experiments", json(m("key", "bad", "name", "Bad",
                "variants", List.of(m("key", "only", "weight", 1)), "segments", List.of("no-such-segment"), "allocation", 120)));
        assertThat(one.status()).isEqualTo(400);
        assertThat(fields(one)).contains("variants", "segments[0]", "allocation");
        Reply dup = api.post("/api/v1/experiments", json(m("key", "dup", "name", "Dup",
                "variants", List.of(m("key", "a", "weight", 1), m("key", "a", "weight", 2)))));
        assertThat(fields(dup)).contains("variants[1].key");
        Reply weight = api.post("/api/v1/experiments", json(m("key", "w", "name", "W",
                "variants", List.of(m("key", "a", "weight", "heavy"), m("key", "b", "weight", 1)))));
        assertThat(fields(weight)).contains("variants[0].weight");
        assertThat(api.get("/api/v1/experiments/none").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/experiments/none/assignment?userId=x").status()).isEqualTo(404);
        api.post("/api/v1/experiments", json(m("key", "twice", "name", "T", "variants", variants())));
        assertThat(api.post("/api/v1/experiments", json(m("key", "twice", "name", "T", "variants", variants()))).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/experiments/twice/stop", "").status()).as("a draft cannot stop").isEqualTo(409);
        assertThat(api.get("/api/v1/experiments/twice/assignment").status()).as("userId is required").isEqualTo(400);
    }

    @Test
    void flagsAnswerForAUserAndEveryAssignmentComesInOneCall() {
        api.put("/api/v1/profiles/fl-staff", "{}");
        api.post("/api/v1/segments", json(m("key", "fl-staff", "name", "Staff", "type", "static")));
        api.post("/api/v1/segments/fl-staff/members", json(m("userIds", List.of("fl-staff"))));
        Reply created = api.post("/api/v1/flags", json(m("key", "new-nav", "enabled", true, "segments", List.of("fl-staff"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("rollout").asDouble()).isEqualTo(100.0);
        ApiClient browser = api.withKey(server.publishableKey);
        JsonNode on = browser.get("/api/v1/flags/new-nav?userId=fl-staff").json();
        assertThat(on.get("enabled").asBoolean()).isTrue();
        assertThat(browser.get("/api/v1/flags/new-nav?userId=someone").json().get("enabled").asBoolean()).isFalse();
        assertThat(browser.get("/api/v1/flags/new-nav").status()).as("the definition needs a secret key").isEqualTo(403);
        assertThat(api.get("/api/v1/flags/new-nav").json().get("segments").get(0).asText()).isEqualTo("fl-staff");
        assertThat(browser.post("/api/v1/flags", json(m("key", "x", "enabled", true))).status()).isEqualTo(403);

        api.post("/api/v1/experiments", json(m("key", "all-in-one", "name", "All", "variants", variants())));
        api.post("/api/v1/experiments/all-in-one/start", "");
        JsonNode all = browser.get("/api/v1/profiles/fl-staff/assignments").json();
        assertThat(all.get("experiments").get("all-in-one").get("inExperiment").asBoolean()).isTrue();
        assertThat(all.get("flags").get("new-nav").get("enabled").asBoolean()).isTrue();

        assertThat(api.patch("/api/v1/flags/new-nav", json(m("enabled", false))).json().get("enabled").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/flags/new-nav?userId=fl-staff").json().get("reason").asText()).isEqualTo("flag is off");
        assertThat(browser.get("/api/v1/flags/new-nav?userId=fl-staff").json().has("reason")).isFalse();
        assertThat(api.delete("/api/v1/flags/new-nav").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/flags/new-nav").status()).isEqualTo(404);
        api.post("/api/v1/experiments/all-in-one/stop", "");
    }
}
