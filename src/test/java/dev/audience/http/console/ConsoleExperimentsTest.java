package dev.audience.http.console;

import dev.audience.experiment.Experiment;
import dev.audience.experiment.ExperimentStatus;
import dev.audience.experiment.Flag;
import dev.audience.experiment.Variant;
import dev.audience.testing.Backend;
import dev.audience.testing.ConsoleClient;
import dev.audience.testing.ConsoleClient.Page;
import dev.audience.testing.TestServer;
import dev.audience.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Experiments, flags and placements over plain HTTP, on both back ends: forms with errors at their fields, changes, roles. */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsoleExperimentsTest {
    private static final String PASSWORD = "a long enough password";

    @Parameter
    Backend backend;

    static TestServer server;
    static ConsoleClient editor;
    static ConsoleClient viewer;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        server.api().post("/api/v1/segments", json(Map.of("key", "beta", "name", "Beta testers", "type", "static")));
        editor = server.consoleAs("editor@example.com", Role.EDITOR, PASSWORD, "/console/experiments");
        viewer = server.consoleAs("viewer@example.com", Role.VIEWER, PASSWORD, "/console/experiments");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static String errorOf(String body, String field) {
        String start = "<small id=\"" + field + "-help\" class=\"error\">";
        int at = body.indexOf(start);
        assertThat(at).as("no error under " + field).isNotNegative();
        return body.substring(at + start.length(), body.indexOf("</small>", at));
    }

    @Test
    void anExperimentIsMadeWithItsVariantsStartedAndStoppedAndMistakesShowAtTheirField() {
        Page bad = editor.post("/console/experiments", Map.of("key", "Checkout!", "name", "Checkout",
                "variants", "control 50\nnew-button", "allocation", "lots"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(errorOf(bad.body(), "variants")).isEqualTo("line 2: write a variant's key and its weight, like control 50");
        assertThat(errorOf(bad.body(), "allocation")).isEqualTo("must be a percentage from 0 to 100");
        Page domain = editor.post("/console/experiments", Map.of("key", "Checkout!", "name", "Checkout",
                "variants", "control 50\n\ncontrol 50", "allocation", "150"));
        assertThat(errorOf(domain.body(), "key")).startsWith("must be 1 to 64 lower-case letters");
        assertThat(errorOf(domain.body(), "variants")).isEqualTo("line 3: key is used by another variant");
        assertThat(errorOf(domain.body(), "allocation")).isEqualTo("must be a percentage from 0 to 100");

        Page made = editor.post("/console/experiments", Map.of("key", "checkout-button", "name", "Checkout button",
                "variants", "control 1\nnew-button 3", "allocation", "50", "segments", "beta"));
        assertThat(made.status()).isEqualTo(303);
        Experiment e = server.app.experiments().experiment("checkout-button");
        assertThat(e.variants()).containsExactly(new Variant("control", 1), new Variant("new-button", 3));
        assertThat(e.targeting().percentBasisPoints()).isEqualTo(5000);
        assertThat(e.targeting().segments()).containsExactly("beta");
        String list = editor.get("/console/experiments").body();
        assertThat(list).contains("<code>control</code> 25%").contains("<code>new-button</code> 75%")
                .contains("<span class=\"status status-draft\">draft</span>").contains("id=\"start-checkout-button\"");

        assertThat(editor.post("/console/experiments/checkout-button/start", Map.of()).status()).isEqualTo(303);
        assertThat(server.app.experiments().experiment("checkout-button").status()).isEqualTo(ExperimentStatus.RUNNING);
        Page twice = editor.post("/console/experiments/checkout-button/start", Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("<small id=\"row-error\" class=\"error\">experiment \"checkout-button\" is running")
                .doesNotContain("id=\"start-checkout-button\"");
        assertThat(editor.post("/console/experiments/checkout-button/allocation", Map.of("allocation", "20")).status()).isEqualTo(303);
        assertThat(server.app.experiments().experiment("checkout-button").targeting().percentBasisPoints()).isEqualTo(2000);
        assertThat(editor.post("/console/experiments/checkout-button/stop", Map.of()).status()).isEqualTo(303);
        assertThat(server.app.experiments().experiment("checkout-button").status()).isEqualTo(ExperimentStatus.STOPPED);
    }

    @Test
    void aFlagIsMadeTurnedOnAndOffAndRolledOut() {
        Page bad = editor.post("/console/flags", Map.of("key", "new-nav", "rollout", "120", "segments", "nope"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(errorOf(bad.body(), "rollout")).isEqualTo("must be a percentage from 0 to 100");
        Page made = editor.post("/console/flags", Map.of("key", "new-nav", "name", "New navigation", "rollout", "10",
                "excludeSegments", "beta"));
        assertThat(made.status()).isEqualTo(303);
        Flag f = server.app.experiments().flag("new-nav");
        assertThat(f.enabled()).isFalse();
        assertThat(f.targeting().excludeSegments()).containsExactly("beta");
        assertThat(editor.get("/console/flags").body()).contains("<span class=\"status status-off\" id=\"state-new-nav\">off</span>")
                .contains("10%");

        assertThat(editor.post("/console/flags/new-nav/toggle", Map.of()).status()).isEqualTo(303);
        assertThat(server.app.experiments().flag("new-nav").enabled()).isTrue();
        assertThat(editor.post("/console/flags/new-nav/rollout", Map.of("rollout", "55.5")).status()).isEqualTo(303);
        assertThat(server.app.experiments().flag("new-nav").targeting().percentBasisPoints()).isEqualTo(5550);
        Page wrong = editor.post("/console/flags/new-nav/rollout", Map.of("rollout", "half"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("<small id=\"row-error\" class=\"error\">Rollout must be a percentage from 0 to 100</small>");
        assertThat(editor.get("/console/flags").body()).contains("55.5%").contains("Turn off");
    }

    @Test
    void aPlacementIsMadeAndAKeyTakenOrMalformedIsRefusedAtItsField() {
        assertThat(editor.get("/console/placements").body()).contains("<code>top</code>").contains("<code>sidebar</code>");
        Page taken = editor.post("/console/placements", Map.of("key", "top", "description", "again"));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(errorOf(taken.body(), "key")).isEqualTo("a placement with key \"top\" exists already");
        Page malformed = editor.post("/console/placements", Map.of("key", "Footer Area", "description", ""));
        assertThat(errorOf(malformed.body(), "key")).startsWith("must be 1 to 64 characters");
        Page made = editor.post("/console/placements", Map.of("key", "checkout-footer", "description", "Under the cart"));
        assertThat(made.status()).isEqualTo(303);
        assertThat(editor.get(made.location()).body()).contains("Placement <code>checkout-footer</code> created.")
                .contains("Under the cart");
        assertThat(server.app.placements().get("checkout-footer").description()).isEqualTo("Under the cart");
    }

    @Test
    void aViewerSeesExperimentsFlagsAndPlacementsButChangesNone() {
        server.app.experiments().createFlag(new dev.audience.experiment.FlagDraft("viewer-sees", null, true, List.of(),
                List.of(), null));
        for (String page : List.of("/console/experiments", "/console/flags", "/console/placements")) {
            Page p = viewer.get(page);
            assertThat(p.status()).as(page).isEqualTo(200);
            assertThat(p.body()).as(page).doesNotContain("<form method=\"post\" action=\"/console/experiments\"")
                    .doesNotContain("id=\"create-flag\"").doesNotContain("id=\"create-placement\"");
        }
        for (String change : List.of("/console/experiments", "/console/flags", "/console/placements",
                "/console/flags/viewer-sees/toggle", "/console/flags/viewer-sees/rollout")) {
            Page refused = viewer.post(change, Map.of("key", "by-viewer", "name", "x", "variants", "a 1\nb 1", "rollout", "5"));
            assertThat(refused.status()).as(change).isEqualTo(403);
        }
        assertThat(server.app.experiments().flag("viewer-sees").enabled()).isTrue();
        assertThat(server.app.placements().list()).noneMatch(p -> p.key().equals("by-viewer"));
    }
}
