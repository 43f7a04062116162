package dev.audience.http.console;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.EmailContent;
import dev.audience.experiment.ExperimentDraft;
import dev.audience.experiment.ExperimentStatus;
import dev.audience.experiment.FlagDraft;
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

/**
 * An experiment's results page, and duplicate and delete (each delete through its confirmation page) for campaigns,
 * experiments, flags and placements, over plain HTTP on both back ends; a viewer is refused every one of them.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsoleDeleteDuplicateTest {
    private static final String PASSWORD = "a long enough password";

    @Parameter
    Backend backend;

    static TestServer server;
    static ConsoleClient editor;
    static ConsoleClient viewer;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        var api = server.api();
        api.put("/api/v1/profiles/ada", json(Map.of("email", "ada@example.com")));
        api.post("/api/v1/segments", json(Map.of("key", "friends", "name", "Friends", "type", "static")));
        api.post("/api/v1/segments/friends/members", json(Map.of("userIds", List.of("ada"))));
        editor = server.consoleAs("editor@example.com", Role.EDITOR, PASSWORD, "/console/campaigns");
        viewer = server.consoleAs("viewer@example.com", Role.VIEWER, PASSWORD, "/console/campaigns");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static Campaign draft(String name) {
        return server.app.campaigns().create(new CampaignDraft(name, Campaign.EMAIL, List.of("friends"), List.of(),
                new EmailContent("Acme", "news@acme.test", null, "Hello", "Hi", null), null));
    }

    @Test
    void anExperimentsPageShowsItsExposuresAndConversionsPerVariant() {
        server.app.experiments().create(new ExperimentDraft("signup", "Sign-up form", List.of(new Variant("control", 1),
                new Variant("short", 1)), List.of(), List.of(), null));
        assertThat(editor.get("/console/experiments/signup").body()).contains("id=\"no-exposures\"")
                .contains("<tr id=\"variant-control\">").contains("<tr id=\"variant-short\">");
        server.app.experiments().start("signup");
        String variant = server.app.experiments().assign("signup", "ada").variant();
        server.app.exposures().flush();
        server.api().post("/api/v1/events", json(Map.of("events", List.of(Map.of("userId", "ada", "name", "signed_up",
                "timestamp", server.clock.instant().plusSeconds(60).toString())))));

        assertThat(editor.get("/console/experiments").body()).contains("href=\"/console/experiments/signup\"");
        String page = editor.get("/console/experiments/signup?goal=signed_up").body();
        assertThat(page).contains("<strong id=\"stat-users\">1</strong>").contains("id=\"variant-chart\"")
                .contains("class=\"swatch converted\"");
        String row = page.substring(page.indexOf("<tr id=\"variant-" + variant + "\">"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row.replaceAll("\\s+", " ")).contains("<td>1</td> <td>1</td> <td>1</td> <td>100%</td>");

        Page bad = editor.get("/console/experiments/signup?goal=" + Format.url("two words"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("<small id=\"goal-help\" class=\"error\">must be an event name")
                .contains("<strong id=\"stat-users\">1</strong>");
        assertThat(viewer.get("/console/experiments/signup").status()).as("viewers read results").isEqualTo(200);
        server.app.experiments().stop("signup");
    }

    @Test
    void anExperimentIsCopiedUnderAKeyOfItsOwnAndDeletedAfterConfirmingOnceStopped() {
        server.app.experiments().create(new ExperimentDraft("banner-copy", "Banner copy", List.of(new Variant("a", 1),
                new Variant("b", 2)), List.of("friends"), List.of(), 50.0));
        server.app.experiments().start("banner-copy");
        Page form = editor.get("/console/experiments/banner-copy/duplicate");
        assertThat(form.body()).contains("value=\"banner-copy-copy\"").contains("value=\"Copy of Banner copy\"");
        Page taken = editor.post("/console/experiments/banner-copy/duplicate", Map.of("key", "banner-copy", "name", "X"));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(ConsoleExperimentsTest.errorOf(taken.body(), "key")).contains("exists already");
        Page made = editor.post("/console/experiments/banner-copy/duplicate", Map.of("key", "banner-copy-2", "name", "Second"));
        assertThat(made.status()).isEqualTo(303);
        assertThat(made.location()).isEqualTo("/console/experiments/banner-copy-2");
        var copy = server.app.experiments().experiment("banner-copy-2");
        assertThat(copy.status()).isEqualTo(ExperimentStatus.DRAFT);
        assertThat(copy.variants()).containsExactly(new Variant("a", 1), new Variant("b", 2));
        assertThat(copy.targeting().percentBasisPoints()).isEqualTo(5000);

        assertThat(editor.get("/console/experiments/banner-copy").body()).as("running: no delete offered")
                .doesNotContain("id=\"delete\"");
        Page running = editor.post("/console/experiments/banner-copy/delete", Map.of());
        assertThat(running.status()).isEqualTo(409);
        assertThat(running.body()).contains("<small id=\"confirm-error\" class=\"error\">experiment \"banner-copy\" is running");
        server.app.experiments().stop("banner-copy");
        Page confirm = editor.get("/console/experiments/banner-copy/delete");
        assertThat(confirm.body()).contains("action=\"/console/experiments/banner-copy/delete\"").contains("id=\"confirm-button\"");
        assertThat(server.app.experiments().experiments()).as("asking deletes nothing")
                .anyMatch(e -> e.key().equals("banner-copy"));
        Page deleted = editor.post("/console/experiments/banner-copy/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(editor.get(deleted.location()).body()).contains("Experiment Banner copy deleted.");
        assertThat(server.app.experiments().experiments()).noneMatch(e -> e.key().equals("banner-copy"));
    }

    @Test
    void aFlagIsCopiedOffAndDeletedAfterConfirming() {
        server.app.experiments().createFlag(new FlagDraft("dark-mode", "Dark mode", true, List.of(), List.of("friends"), 20.0));
        assertThat(editor.get("/console/flags").body()).contains("id=\"duplicate-dark-mode\"").contains("id=\"delete-dark-mode\"");
        assertThat(editor.post("/console/flags/dark-mode/duplicate", Map.of("key", "dark-mode-2", "name", "Dark 2")).status())
                .isEqualTo(303);
        var copy = server.app.experiments().flag("dark-mode-2");
        assertThat(copy.enabled()).isFalse();
        assertThat(copy.targeting().excludeSegments()).containsExactly("friends");
        assertThat(editor.get("/console/flags/dark-mode/delete").body()).contains("It is on now.");
        Page deleted = editor.post("/console/flags/dark-mode/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(editor.get(deleted.location()).body()).contains("Flag Dark mode deleted.");
        assertThat(server.app.experiments().flags()).noneMatch(f -> f.key().equals("dark-mode"));
    }

    @Test
    void aCampaignIsCopiedAsADraftAndDeletedOnlyWhileItNeverReachedAnyone() {
        Campaign c = draft("Welcome");
        assertThat(editor.get("/console/campaigns/" + c.id()).body()).contains("id=\"duplicate\"").contains("id=\"delete\"");
        Page copied = editor.post("/console/campaigns/" + c.id() + "/duplicate", Map.of());
        assertThat(copied.status()).isEqualTo(303);
        String copyId = copied.location().substring("/console/campaigns/".length());
        Campaign copy = server.app.campaigns().get(copyId);
        assertThat(copy.name()).isEqualTo("Copy of Welcome");
        assertThat(copy.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(copy.content()).isEqualTo(c.content());

        assertThat(editor.get("/console/campaigns/" + copyId + "/delete").body()).contains("Delete Copy of Welcome?");
        Page deleted = editor.post("/console/campaigns/" + copyId + "/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(editor.get(deleted.location()).body()).contains("Campaign Copy of Welcome deleted.");
        assertThat(server.app.campaigns().list()).noneMatch(x -> x.id().equals(copyId));

        server.app.campaigns().schedule(c.id(), null);
        server.app.campaigns().tick();
        server.app.campaigns().cancel(c.id());
        assertThat(editor.get("/console/campaigns/" + c.id()).body()).as("sent: no delete offered").doesNotContain("id=\"delete\"");
        Page kept = editor.post("/console/campaigns/" + c.id() + "/delete", Map.of());
        assertThat(kept.status()).isEqualTo(409);
        assertThat(kept.body()).contains("in the delivery ledger; it is kept for its record");
        assertThat(server.app.campaigns().get(c.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
    }

    @Test
    void aPlacementIsDescribedInItsRowAndDeletedUnlessABannerUsesIt() {
        server.app.placements().create("checkout", "At checkout");
        Page described = editor.post("/console/placements/checkout/description", Map.of("description", "Beside the cart"));
        assertThat(described.status()).isEqualTo(303);
        assertThat(server.app.placements().get("checkout").description()).isEqualTo("Beside the cart");
        Page bad = editor.post("/console/placements/checkout/description", Map.of("description", "x".repeat(501)));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("<small id=\"row-error\" class=\"error\">Description must be at most 500");

        var banner = server.app.campaigns().create(new CampaignDraft("Cart banner", Campaign.BANNER, List.of("friends"),
                List.of(), new dev.audience.campaign.BannerContent("checkout", "Free shipping", null, null, null, null, false,
                        50, null), null));
        Page used = editor.post("/console/placements/checkout/delete", Map.of());
        assertThat(used.status()).isEqualTo(409);
        assertThat(used.body()).contains("placement \"checkout\" is used by banner \"Cart banner\" (draft)");
        server.app.campaigns().delete(banner.id());
        Page deleted = editor.post("/console/placements/checkout/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(editor.get(deleted.location()).body()).contains("Placement <code>checkout</code> deleted.");
    }

    @Test
    void aViewerIsRefusedEveryCopyAndDeleteAndAFormWithoutItsTokenIsRefused() {
        Campaign c = draft("Viewer sees");
        server.app.experiments().create(new ExperimentDraft("viewer-exp", "Viewer exp", List.of(new Variant("a", 1),
                new Variant("b", 1)), List.of(), List.of(), null));
        server.app.experiments().createFlag(new FlagDraft("viewer-flag", null, false, List.of(), List.of(), null));
        server.app.placements().create("viewer-place", "");
        assertThat(viewer.get("/console/campaigns/" + c.id()).body()).doesNotContain("id=\"duplicate\"").doesNotContain("id=\"delete\"");
        assertThat(viewer.get("/console/experiments/viewer-exp").body()).doesNotContain("id=\"duplicate\"");
        assertThat(viewer.get("/console/flags").body()).doesNotContain("id=\"delete-viewer-flag\"");
        assertThat(viewer.get("/console/placements").body()).doesNotContain("id=\"delete-viewer-place\"");
        for (String path : List.of("/console/campaigns/" + c.id() + "/duplicate", "/console/campaigns/" + c.id() + "/delete",
                "/console/experiments/viewer-exp/duplicate", "/console/experiments/viewer-exp/delete",
                "/console/flags/viewer-flag/duplicate", "/console/flags/viewer-flag/delete",
                "/console/placements/viewer-place/delete", "/console/placements/viewer-place/description")) {
            assertThat(viewer.post(path, Map.of("key", "by-viewer", "name", "By viewer", "description", "x")).status())
                    .as(path).isEqualTo(403);
            boolean hasPage = !path.endsWith("/description") && !path.equals("/console/campaigns/" + c.id() + "/duplicate");
            if (hasPage) assertThat(viewer.get(path).status()).as("GET " + path).isEqualTo(403);
            assertThat(editor.postRaw(path, Map.of("key", "no-token"), Map.of()).status()).as("no token: " + path).isEqualTo(403);
        }
        assertThat(server.app.campaigns().get(c.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(server.app.campaigns().list()).noneMatch(x -> x.name().equals("Copy of Viewer sees"));
        assertThat(server.app.experiments().experiment("viewer-exp").key()).isEqualTo("viewer-exp");
        assertThat(server.app.experiments().flag("viewer-flag").key()).isEqualTo("viewer-flag");
        assertThat(server.app.placements().get("viewer-place").key()).isEqualTo("viewer-place");
        assertThat(server.app.experiments().experiments()).noneMatch(e -> e.key().equals("by-viewer") || e.key().equals("no-token"));
    }
}
