package dev.audience.http.console;

import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.segment.RefreshSchedule;
import dev.audience.segment.Segment;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A segment changed or deleted from the console, over plain HTTP on both back ends; what a viewer and a forged post may not. */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsoleSegmentEditTest {
    private static final String PASSWORD = "a long enough password";

    @Parameter
    Backend backend;

    static TestServer server;
    static ConsoleClient editor;
    static ConsoleClient viewer;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        for (int i = 1; i <= 8; i++) {
            String id = "person-" + i;
            server.api().put("/api/v1/profiles/" + id, json(Map.of("email", id + "@example.com",
                    "attributes", Map.of("plan", i <= 3 ? "pro" : "free"))));
        }
        editor = server.consoleAs("editor@example.com", Role.EDITOR, PASSWORD, "/console/segments");
        viewer = server.consoleAs("viewer@example.com", Role.VIEWER, PASSWORD, "/console/segments");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static void dynamic(String key, String definition) {
        Page created = editor.post("/console/new-segment", Map.of("type", "dynamic", "key", key, "name", "Segment " + key,
                "definition", definition));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
    }

    @Test
    void anEditorChangesNameDescriptionDefinitionAndScheduleAndSeesTheNewSize() {
        dynamic("plans", "plan = \"pro\"");
        assertThat(server.app.segments().get("plans").size()).isEqualTo(3);
        Page form = editor.get("/console/segments/plans/edit");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"Segment plans\"").contains(">plan = \"pro\"</textarea>")
                .contains("hx-post=\"/console/new-segment/check\"")
                .contains("<strong>3 profiles match</strong>"); // the size of the definition as it stands
        assertThat(editor.get("/console/segments/plans").body()).contains("href=\"/console/segments/plans/edit\"")
                .contains("href=\"/console/segments/plans/delete\"");

        Page saved = editor.post("/console/segments/plans/edit", Map.of("name", "Free plans", "description", "Not paying yet",
                "definition", "plan = \"free\"", "refresh", "2h"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo("/console/segments/plans");
        Page shown = editor.get("/console/segments/plans");
        assertThat(shown.body()).contains("<h1>Free plans</h1>").contains("Not paying yet")
                .contains("<strong id=\"segment-size\">5</strong>").contains("Refreshes every 2h");
        Segment s = server.app.segments().get("plans").segment();
        assertThat(s.refresh()).isEqualTo(new RefreshSchedule.Every(Duration.ofHours(2)));
        assertThat(s.nextRefreshAt()).isEqualTo(server.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plus(Duration.ofHours(2)));

        // a cron schedule, then none; the description cleared
        assertThat(editor.post("/console/segments/plans/edit", Map.of("name", "Free plans", "definition", "plan = \"free\"",
                "refresh", "0 6 * * *")).status()).isEqualTo(303);
        assertThat(server.app.segments().get("plans").segment().refresh()).isEqualTo(new RefreshSchedule.Cron("0 6 * * *"));
        assertThat(server.app.segments().get("plans").segment().description()).isNull();
        assertThat(editor.post("/console/segments/plans/edit", Map.of("name", "Free plans", "definition", "plan = \"free\"",
                "refresh", "")).status()).isEqualTo(303);
        assertThat(server.app.segments().get("plans").segment().refresh()).isNull();
    }

    @Test
    void mistakesComeBackAtTheirFieldsAndNothingIsSaved() {
        dynamic("careful", "plan = \"pro\"");
        long version = server.app.segments().get("careful").version();
        Page syntax = editor.post("/console/segments/careful/edit", Map.of("name", "Careful",
                "definition", "plan = \"pro\"\nand did page_view in last 3 dayz", "refresh", ""));
        assertThat(syntax.status()).isEqualTo(422);
        assertThat(syntax.body()).contains("<small id=\"definition-error\" class=\"error\">Line 2, column 29: unknown time unit \"dayz\"")
                .contains("and did page_view in last 3 dayz\n" + " ".repeat(28) + "^");

        Page bad = editor.post("/console/segments/careful/edit", Map.of("name", "", "definition", "plan = \"free\"",
                "refresh", "often"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("<small id=\"refresh-help\" class=\"error\">must be a number and a unit, like 15m, 2h or 1d</small>")
                .contains("<textarea id=\"definition\"");
        Page noName = editor.post("/console/segments/careful/edit", Map.of("name", "", "definition", "plan = \"free\""));
        assertThat(noName.body()).contains("<small id=\"name-help\" class=\"error\">is required");

        Segment s = server.app.segments().get("careful").segment();
        assertThat(s.name()).isEqualTo("Segment careful");
        assertThat(s.definition()).isEqualTo("plan = \"pro\"");
        assertThat(server.app.segments().get("careful").version()).isEqualTo(version);

        Page everyone = editor.get("/console/segments/everyone/edit");
        assertThat(everyone.status()).isEqualTo(409);
        assertThat(editor.get("/console/segments/everyone").body()).doesNotContain("/console/segments/everyone/edit");
    }

    @Test
    void aStaticListKeepsItsMembersWhenRenamedAndHasNoDefinitionField() {
        editor.post("/console/new-segment", Map.of("type", "static", "key", "testers", "name", "Testers",
                "userIds", "person-1 person-2 person-3"));
        Page form = editor.get("/console/segments/testers/edit");
        assertThat(form.body()).doesNotContain("id=\"definition\"").doesNotContain("id=\"refresh\"");
        assertThat(editor.post("/console/segments/testers/edit", Map.of("name", "Our testers", "internal", "true")).status())
                .isEqualTo(303);
        assertThat(server.app.segments().get("testers").segment().internal()).isTrue();
        assertThat(server.app.segments().get("testers").segment().name()).isEqualTo("Our testers");
        editor.get("/console/segments/testers");
        Page removed = editor.post("/console/segments/testers/members", Map.of("action", "remove", "userIds", "person-2"));
        assertThat(removed.body()).contains("Removed 1 member");
        assertThat(server.app.segments().get("testers").size()).isEqualTo(2);
    }

    @Test
    void deletingAsksFirstAndIsRefusedWithTheReasonWhileACampaignUsesTheSegment() {
        dynamic("doomed", "plan = \"pro\"");
        Page confirm = editor.get("/console/segments/doomed/delete");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("<h1>Delete Segment doomed?</h1>").contains("This cannot be undone.")
                .contains("id=\"confirm-delete\"");
        assertThat(server.app.segments().exists("doomed")).as("the page alone deletes nothing").isTrue();

        dynamic("needed", "plan = \"free\"");
        server.app.campaigns().create(new CampaignDraft("Spring offer", "email", List.of("needed"), List.of(),
                new EmailContent("Acme", "news@acme.test", null, "Hello", "Hi there", null), null));
        Page blocked = editor.get("/console/segments/needed/delete");
        assertThat(blocked.body()).contains("It cannot be deleted while these use it").contains("<li>campaign \"Spring offer\"</li>")
                .doesNotContain("id=\"confirm-delete\"");
        editor.get("/console/segments/doomed/delete");
        Page refused = editor.post("/console/segments/needed/delete", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("<p class=\"error\" role=\"alert\" id=\"delete-error\">Not deleted: segment \"needed\" is in use by campaign \"Spring offer\"; change or delete those first.</p>");
        assertThat(server.app.segments().exists("needed")).isTrue();

        Page deleted = editor.post("/console/segments/doomed/delete", Map.of());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(303);
        assertThat(editor.get(deleted.location()).body()).contains("Deleted Segment doomed.");
        assertThat(server.app.segments().exists("doomed")).isFalse();
        assertThat(editor.get("/console/segments/everyone/delete").status()).isEqualTo(409);
        assertThat(editor.post("/console/segments/everyone/delete", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aViewerIsRefusedOnTheServerAndAPostWithoutTheTokenToo() {
        dynamic("guarded", "plan = \"pro\"");
        assertThat(viewer.get("/console/segments/guarded").body()).doesNotContain("/console/segments/guarded/edit")
                .doesNotContain("/console/segments/guarded/delete");
        assertThat(viewer.get("/console/segments/guarded/edit").status()).isEqualTo(403);
        assertThat(viewer.get("/console/segments/guarded/delete").status()).isEqualTo(403);
        Page edit = viewer.post("/console/segments/guarded/edit", Map.of("name", "By viewer", "definition", "plan = \"free\""));
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.body()).contains("Your role (viewer) may not do this");
        assertThat(viewer.post("/console/segments/guarded/delete", Map.of()).status()).isEqualTo(403);

        assertThat(editor.postRaw("/console/segments/guarded/edit", Map.of("name", "Forged", "definition", "plan = \"free\""),
                Map.of()).status()).isEqualTo(403);
        assertThat(editor.postRaw("/console/segments/guarded/delete", Map.of(), Map.of()).status()).isEqualTo(403);
        assertThat(server.app.segments().get("guarded").segment().name()).isEqualTo("Segment guarded");
        assertThat(server.app.segments().exists("guarded")).isTrue();
    }
}
