package dev.audience.http.console;

import dev.audience.campaign.BannerContent;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.EmailContent;
import dev.audience.campaign.PushContent;
import dev.audience.profile.Platform;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign pages over plain HTTP, on both back ends: the steps of a new email, push and banner campaign with each
 * error at its field (Liquid errors at their line and column), the live preview, the send plan, test sends, a schedule
 * given in a time zone, cancel, and a viewer refused every change.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsoleCampaignsTest {
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
        api.put("/api/v1/profiles/ada", json(Map.of("email", "ada@example.com", "attributes", Map.of("first_name", "Ada"))));
        api.put("/api/v1/profiles/bob", json(Map.of("email", "bob@example.com")));
        api.put("/api/v1/profiles/cy", json(Map.of("attributes", Map.of("first_name", "Cy"))));
        api.put("/api/v1/profiles/tess", json(Map.of("email", "tess@acme.test")));
        server.app.profiles().addPushToken("ada", "a".repeat(64), Platform.IOS);
        api.post("/api/v1/segments", json(Map.of("key", "friends", "name", "Friends", "type", "static")));
        api.post("/api/v1/segments/friends/members", json(Map.of("userIds", List.of("ada", "bob", "cy"))));
        api.post("/api/v1/segments", json(Map.of("key", "team", "name", "Team", "type", "static", "internal", true)));
        api.post("/api/v1/segments/team/members", json(Map.of("userIds", List.of("tess"))));
        editor = server.consoleAs("editor@example.com", Role.EDITOR, PASSWORD, "/console/campaigns");
        viewer = server.consoleAs("viewer@example.com", Role.VIEWER, PASSWORD, "/console/campaigns");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Map<String, String> email(String name) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("fromName", "Acme");
        f.put("fromEmail", "news@acme.test");
        f.put("subject", "Hello {{ profile.first_name | default: \"there\" }}");
        f.put("text", "Hi {{ profile.first_name | default: \"there\" }}");
        f.put("html", "<p>Hi {{ profile.first_name | default: \"there\" }} & welcome</p>");
        f.put("previewUserId", "ada");
        return f;
    }

    static Map<String, String> with(Map<String, String> form, String... kv) {
        Map<String, String> out = new LinkedHashMap<>(form);
        for (int i = 0; i < kv.length; i += 2) out.put(kv[i], kv[i + 1]);
        return out;
    }

    /** The small under a field, as the form shows it: {@code <small id="html-error" class="field-error">…</small>}. */
    static String errorOf(String body, String id) {
        String start = "<small id=\"" + id + "-error\" class=\"field-error\"";
        int at = body.indexOf(start);
        assertThat(at).as("no error element for " + id).isNotNegative();
        int open = body.indexOf('>', at) + 1;
        return body.substring(open, body.indexOf("</small>", open));
    }

    static Campaign draft(String channel, dev.audience.campaign.CampaignContent content) {
        return server.app.campaigns().create(new CampaignDraft("Draft " + System.nanoTime(), channel, List.of("friends"),
                List.of(), content, null));
    }

    static EmailContent emailContent() {
        return new EmailContent("Acme", "news@acme.test", null, "Hello {{ profile.first_name }}", "Hi", null);
    }

    @Test
    void anEmailCampaignIsMadeInStepsEachErrorAtItsFieldAndTheDraftOnlyWhenItHasAnAudience() {
        assertThat(editor.get("/console/new-campaign").body()).contains("href=\"/console/new-campaign/email\"")
                .contains("href=\"/console/new-campaign/push\"").contains("href=\"/console/new-campaign/banner\"");
        assertThat(editor.get("/console/new-campaign/email").body()).contains("id=\"preview-waiting\"");

        Page bad = editor.post("/console/new-campaign/email/content", with(email(""), "fromEmail", "not-an-address",
                "html", "<p>\n{% if profile.plan %}\nno end"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(errorOf(bad.body(), "name")).isEqualTo("is required, at most 200 characters");
        assertThat(errorOf(bad.body(), "fromEmail")).isNotEmpty();
        assertThat(errorOf(bad.body(), "html")).startsWith("line 2, column 1:").contains("if");
        assertThat(errorOf(bad.body(), "subject")).isEmpty();
        assertThat(bad.body()).contains("aria-invalid=\"true\"").contains("value=\"not-an-address\"");

        Page audience = editor.post("/console/new-campaign/email/content", email("Spring news"));
        assertThat(audience.status()).isEqualTo(200);
        assertThat(audience.body()).contains("<input type=\"hidden\" name=\"name\" value=\"Spring news\">")
                .contains("id=\"plan-error\"").contains("name=\"segments\" value=\"friends\"");

        Map<String, String> carried = email("Spring news");
        Page plan = editor.post("/console/new-campaign/email/plan", with(carried, "segments", "friends"));
        assertThat(plan.body()).contains("<td id=\"plan-audience\">3</td>").contains("<td id=\"plan-reachable\"><strong>2</strong>")
                .contains("Skipped: no email");

        Page none = editor.post("/console/new-campaign/email", carried);
        assertThat(none.status()).isEqualTo(422);
        assertThat(errorOf(none.body(), "segments")).isEqualTo("must name at least one segment");
        long before = server.app.campaigns().list().size();
        assertThat(server.app.campaigns().list()).hasSize((int) before);

        Page made = editor.post("/console/new-campaign/email", with(carried, "segments", "friends"));
        assertThat(made.status()).isEqualTo(303);
        String id = made.location().replaceAll("^/console/campaigns/([^/]+)/test$", "$1");
        Campaign c = server.app.campaigns().get(id);
        assertThat(c.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(c.segments()).containsExactly("friends");
        assertThat(c.email().html()).isEqualTo("<p>Hi {{ profile.first_name | default: \"there\" }} & welcome</p>");

        // back from the audience step to the content: what was typed is all there, the ticked segments carried along
        Page back = editor.post("/console/new-campaign/email/back", with(carried, "segments", "friends"));
        assertThat(back.body()).contains("value=\"Spring news\"").contains("<input type=\"hidden\" name=\"segments\" value=\"friends\">");
    }

    @Test
    void theLivePreviewRendersForAProfileAndPutsALiquidErrorUnderItsField() {
        Page preview = editor.post("/console/new-campaign/email/preview", email("x"));
        assertThat(preview.body()).contains("<dd id=\"preview-subject\">Hello Ada</dd>")
                .contains("sandbox=\"\" srcdoc=\"&lt;p&gt;Hi Ada &amp; welcome&lt;/p&gt;\"");
        // every field's error element comes along, out of band, empty when the field is fine
        assertThat(preview.body()).contains("<small id=\"subject-error\" class=\"field-error\" hx-swap-oob=\"true\"></small>");

        Page broken = editor.post("/console/new-campaign/email/preview", with(email("x"), "subject", "Hi {{ profile.first_name"));
        assertThat(errorOf(broken.body(), "subject")).startsWith("line 1, column 4:");
        assertThat(broken.body()).contains("hx-swap-oob=\"true\">line 1, column 4:").contains("id=\"preview-problems\"");

        // a field left empty while typing is listed in the preview, not marked as an error yet
        Page empty = editor.post("/console/new-campaign/email/preview", with(email("x"), "text", ""));
        assertThat(errorOf(empty.body(), "text")).isEmpty();
        assertThat(empty.body()).contains("<li><strong>text</strong>: is required");

        Page nobody = editor.post("/console/new-campaign/email/preview", with(email("x"), "previewUserId", "nobody"));
        assertThat(nobody.body()).contains("No profile has the userId \"nobody\".");
    }

    @Test
    void pushAndBannerCampaignsAreMadeThroughTheConsoleWithTheirPreviews() {
        Map<String, String> push = new LinkedHashMap<>();
        push.put("name", "Offer push");
        push.put("title", "Hi {{ profile.first_name }}");
        push.put("body", "Your offer is waiting");
        push.put("imageUrl", "http://cdn.example.test/offer.png");
        push.put("url", "myapp://offers/42");
        push.put("actions[0].label", "Open");
        push.put("actions[0].url", "myapp://offers/42");
        push.put("ios.badge", "one");
        push.put("android.color", "#ff6600");
        push.put("previewUserId", "ada");
        Page bad = editor.post("/console/new-campaign/push/content", push);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(errorOf(bad.body(), "ios-badge")).isEqualTo("must be a whole number");
        push.put("ios.badge", "1");
        Page badUrl = editor.post("/console/new-campaign/push/content", push);
        assertThat(errorOf(badUrl.body(), "imageUrl")).startsWith("must be an https:// URL");
        push.put("imageUrl", "https://cdn.example.test/offer.png");

        Page preview = editor.post("/console/new-campaign/push/preview", push);
        assertThat(preview.body()).contains("id=\"preview-ios\"").contains("id=\"preview-android\"")
                .contains("<strong class=\"push-title\">Hi Ada</strong>").contains("<span>Open</span>")
                .contains("src=\"https://cdn.example.test/offer.png\"").contains("style=\"color:#ff6600\"");
        assertThat(editor.post("/console/new-campaign/push/content", push).status()).isEqualTo(200);
        Page made = editor.post("/console/new-campaign/push", with(push, "segments", "friends"));
        assertThat(made.status()).as(made.body()).isEqualTo(303);
        Campaign pushed = server.app.campaigns().get(made.location().split("/")[3]);
        PushContent content = pushed.push();
        assertThat(content.actions()).containsExactly(new PushContent.Action("button-1", "Open", "myapp://offers/42"));
        assertThat(content.ios().badge()).isEqualTo(1);
        assertThat(content.android().color()).isEqualTo("#ff6600");
        assertThat(editor.get("/console/campaigns/" + pushed.id() + "/send").body())
                .contains("<td id=\"plan-reachable\"><strong>1</strong>").contains("Skipped: no device");

        Map<String, String> banner = new LinkedHashMap<>();
        banner.put("name", "Winter sale");
        banner.put("placement", "top");
        banner.put("title", "Winter sale: 20% off");
        banner.put("cta.label", "Shop now");
        banner.put("cta.url", "https://shop.example.test/sale");
        banner.put("style.preset", "promo");
        banner.put("style.background", "purple");
        banner.put("dismissible", "true");
        banner.put("weight", "70");
        banner.put("maxImpressionsPerDay", "3");
        Page badColour = editor.post("/console/new-campaign/banner/content", banner);
        assertThat(badColour.status()).isEqualTo(422);
        assertThat(errorOf(badColour.body(), "style-background")).isEqualTo("must be a colour as #rgb or #rrggbb");
        banner.put("style.background", "#f3e8ff");
        Page bannerPreview = editor.post("/console/new-campaign/banner/preview", banner);
        assertThat(bannerPreview.body()).contains("class=\"placement-frame placement-top\"")
                .contains("class=\"audience-banner audience-banner--promo\" style=\"background-color:#f3e8ff;\"")
                .contains(">Shop now</a>");
        Page madeBanner = editor.post("/console/new-campaign/banner", with(banner, "segments", "friends"));
        assertThat(madeBanner.status()).isEqualTo(303);
        String bannerId = madeBanner.location().split("/")[3];
        BannerContent b = (BannerContent) server.app.campaigns().get(bannerId).content();
        assertThat(b.weight()).isEqualTo(70);
        assertThat(b.maxImpressionsPerDay()).isEqualTo(3);
        assertThat(b.dismissible()).isTrue();
        Page page = editor.get("/console/campaigns/" + bannerId);
        assertThat(page.body()).contains("<strong id=\"banner-weight\">70</strong>")
                .contains("at most 3 a day per person").contains("<strong id=\"stat-impressions\">0</strong>");

        // started now, then it appears among the active banners with its stats
        assertThat(editor.post("/console/campaigns/" + bannerId + "/send", Map.of("when", "now", "zone", "UTC")).status())
                .isEqualTo(303);
        assertThat(server.app.campaigns().get(bannerId).status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(editor.get("/console/campaigns?status=active").body()).contains("Winter sale");
        assertThat(editor.get("/console/placements").body()).contains("/console/campaigns/" + bannerId);
    }

    @Test
    void aScheduleGivenInATimeZoneBecomesTheRightInstantAndIsShownBackInThatZone() {
        Campaign c = draft(Campaign.EMAIL, emailContent());
        Map<String, String> paris = Map.of("when", "later", "date", "2026-11-03", "time", "09:00", "zone", "Europe/Paris");

        Page past = editor.post("/console/campaigns/" + c.id() + "/send", with(paris, "date", "2026-10-30"));
        assertThat(past.status()).isEqualTo(422);
        assertThat(errorOf(past.body(), "time")).startsWith("is in the past (it is 2026-11-01 13:00 Europe/Paris now)");
        Page zone = editor.post("/console/campaigns/" + c.id() + "/send", with(paris, "zone", "Mars/Olympus"));
        assertThat(errorOf(zone.body(), "zone")).startsWith("is not a time zone");
        Page gap = editor.post("/console/campaigns/" + c.id() + "/send", with(paris, "date", "2027-03-28", "time", "02:30"));
        assertThat(errorOf(gap.body(), "time")).isEqualTo(
                "does not exist in Europe/Paris on 2027-03-28 (the clocks go forward then); pick another time");
        Page expiryFirst = editor.post("/console/campaigns/" + c.id() + "/send",
                with(paris, "expiryDate", "2026-11-02", "expiryTime", "18:00"));
        assertThat(errorOf(expiryFirst.body(), "expiryDate")).isEqualTo("must be after the time it sends (2026-11-03 09:00 Europe/Paris)");
        assertThat(server.app.campaigns().get(c.id()).status()).isEqualTo(CampaignStatus.DRAFT);

        Page done = editor.post("/console/campaigns/" + c.id() + "/send", with(paris, "expiryDate", "2026-11-04",
                "expiryTime", "00:00"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).as("the zone is kept with the campaign, not carried in the address")
                .isEqualTo("/console/campaigns/" + c.id());
        Campaign scheduled = server.app.campaigns().get(c.id());
        assertThat(scheduled.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(scheduled.sendTimeZone()).isEqualTo(java.time.ZoneId.of("Europe/Paris"));
        assertThat(scheduled.sendAt()).isEqualTo(Instant.parse("2026-11-03T08:00:00Z"));
        assertThat(scheduled.expiresAt()).isEqualTo(Instant.parse("2026-11-03T23:00:00Z"));
        String page = editor.get(done.location()).body();
        assertThat(page).contains("<span id=\"send-at\">2026-11-03 09:00 Europe/Paris</span> <small class=\"muted\">(2026-11-03 08:00 UTC)</small>")
                .contains("<span id=\"when-expires\">2026-11-04 00:00 Europe/Paris</span>");
        // scheduled: the live part polls until it has sent, and its refreshes keep the zone
        assertThat(page).contains("hx-trigger=\"every 2s\"");
        assertThat(editor.get("/console/campaigns/" + c.id() + "/progress").body())
                .contains("<span id=\"send-at\">2026-11-03 09:00 Europe/Paris</span>");
        assertThat(editor.get("/console/campaigns/" + c.id() + "?zone=UTC").body()).as("another zone on request")
                .contains("<span id=\"send-at\">2026-11-03 08:00 UTC</span>");
    }

    @Test
    void cancelStopsAScheduledCampaignAndASecondCancelIsRefusedAtItsButton() {
        Campaign c = draft(Campaign.EMAIL, emailContent());
        server.app.campaigns().schedule(c.id(), server.clock.instant().plusSeconds(3600));
        Page cancelled = editor.post("/console/campaigns/" + c.id() + "/cancel", Map.of());
        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(server.app.campaigns().get(c.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
        Page again = editor.post("/console/campaigns/" + c.id() + "/cancel", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("<small id=\"cancel-error\" class=\"error\">campaign " + c.id()
                + " is cancelled; only a scheduled, sending or active campaign can be cancelled</small>");
        assertThat(again.body()).doesNotContain("hx-trigger=\"every 2s\"");
    }

    @Test
    void aTestSendGoesToTheInternalSegmentAndItsRowsAreShownUntilTheySettle() {
        Campaign c = draft(Campaign.EMAIL, emailContent());
        Page form = editor.get("/console/campaigns/" + c.id() + "/test");
        assertThat(form.body()).contains("<option value=\"team\">Team (1 person)</option>").doesNotContain("value=\"friends\"");

        Page both = editor.post("/console/campaigns/" + c.id() + "/test", Map.of("segment", "team", "userIds", "ada"));
        assertThat(both.status()).isEqualTo(422);
        assertThat(errorOf(both.body(), "segment")).isEqualTo("choose a segment or give userIds, not both");
        Page nothing = editor.post("/console/campaigns/" + c.id() + "/test", Map.of("segment", "", "userIds", ""));
        assertThat(errorOf(nothing.body(), "segment")).startsWith("choose an internal segment");

        Page sent = editor.post("/console/campaigns/" + c.id() + "/test", Map.of("segment", "team", "userIds", ""));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.body()).contains("1 message queued").contains("<td>tess@acme.test</td>")
                .contains("state-queued").contains("hx-trigger=\"every 1s\"");
        String run = sent.body().replaceAll("(?s).*hx-get=\"/console/campaigns/" + c.id() + "/test/([^\"]+)\".*", "$1");
        assertThat(editor.get("/console/campaigns/" + c.id() + "/test/" + run).body()).contains("tess@acme.test");

        Page ghosts = editor.post("/console/campaigns/" + c.id() + "/test", Map.of("userIds", "ada ghost"));
        assertThat(ghosts.body()).contains("No profile has the userId ghost.");
        assertThat(server.app.campaigns().get(c.id()).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void theCampaignPageShowsCountsByOutcomeAndTheLedgerPageByPage() {
        var api = server.api();
        List<String> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 55; i++) many.add(String.format("many-%02d", i));
        for (String u : many) api.put("/api/v1/profiles/" + u, json(Map.of("attributes", Map.of("n", 1))));
        api.post("/api/v1/segments", json(Map.of("key", "many", "name", "Many", "type", "static")));
        api.post("/api/v1/segments/many/members", json(Map.of("userIds", many)));
        Campaign c = server.app.campaigns().create(new CampaignDraft("Big send", Campaign.EMAIL, List.of("many", "friends"),
                List.of(), emailContent(), null));
        server.app.campaigns().schedule(c.id(), null);
        server.app.campaigns().tick(); // 58 rows: 55 + cy skipped (no email), ada and bob queued

        String page = editor.get("/console/campaigns/" + c.id()).body();
        assertThat(page).contains("<strong id=\"campaign-status\" class=\"status status-sending\">sending</strong>")
                .contains("<strong id=\"settled\">56 of 58</strong>").contains("<td id=\"count-skipped\">56</td>")
                .contains("<td id=\"count-queued\">2</td>").contains("hx-trigger=\"every 2s\"");
        assertThat(page).contains("id=\"next-page\"");
        String skipped = editor.get("/console/campaigns/" + c.id() + "?state=skipped").body();
        assertThat(skipped).contains("no email").doesNotContain("state-queued\">queued");
        String next = skipped.replaceAll("(?s).*href=\"(/console/campaigns/[^\"]+after=\\d+[^\"]*)\" id=\"next-page\".*", "$1")
                .replace("&amp;", "&");
        String second = editor.get(next).body();
        assertThat(second.split("<span class=\"status state-skipped\">").length - 1).isEqualTo(6);
        assertThat(second).contains("First page").doesNotContain("id=\"next-page\"");

        // the progress part alone, as htmx asks for it
        assertThat(editor.get("/console/campaigns/" + c.id() + "/progress").body().strip()).startsWith("<div id=\"live\"")
                .doesNotContain("<html");
        assertThat(editor.get("/console").body()).contains("<a href=\"/console/campaigns/" + c.id() + "\"><strong>Big send</strong></a>");
    }

    @Test
    void aViewerReadsTheCampaignPagesButEveryChangeIsRefusedOnTheServer() {
        Campaign c = draft(Campaign.EMAIL, emailContent());
        for (String page : List.of("/console/campaigns", "/console/campaigns/" + c.id(), "/console/campaigns/" + c.id() + "/progress")) {
            assertThat(viewer.get(page).status()).as(page).isEqualTo(200);
        }
        assertThat(viewer.get("/console/campaigns").body()).doesNotContain("id=\"new-campaign\"");
        assertThat(viewer.get("/console/campaigns/" + c.id()).body()).doesNotContain("id=\"to-send\"");
        for (String page : List.of("/console/new-campaign", "/console/new-campaign/email", "/console/campaigns/" + c.id() + "/send",
                "/console/campaigns/" + c.id() + "/test", "/console/campaigns/" + c.id() + "/content")) {
            assertThat(viewer.get(page).status()).as(page).isEqualTo(403);
        }
        for (String change : List.of("/console/new-campaign/email/content", "/console/new-campaign/email/preview",
                "/console/new-campaign/email", "/console/campaigns/" + c.id() + "/content", "/console/campaigns/" + c.id() + "/audience",
                "/console/campaigns/" + c.id() + "/test", "/console/campaigns/" + c.id() + "/send",
                "/console/campaigns/" + c.id() + "/cancel")) {
            Page refused = viewer.post(change, with(email("By a viewer"), "segments", "friends", "when", "now", "zone", "UTC",
                    "segment", "team"));
            assertThat(refused.status()).as(change).isEqualTo(403);
            assertThat(refused.body()).contains("Your role (viewer) may not do this");
        }
        assertThat(server.app.campaigns().get(c.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(server.app.campaigns().list()).noneMatch(x -> x.name().equals("By a viewer"));
    }

    @Test
    void aDraftIsChangedInPlaceAndACampaignNoLongerADraftCannotBe() {
        Campaign c = draft(Campaign.EMAIL, emailContent());
        Page form = editor.get("/console/campaigns/" + c.id() + "/content");
        assertThat(form.body()).contains("value=\"Hello {{ profile.first_name }}\"");
        Page saved = editor.post("/console/campaigns/" + c.id() + "/content", with(email("Renamed"), "html", ""));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo("/console/campaigns/" + c.id() + "/audience");
        assertThat(server.app.campaigns().get(c.id()).name()).isEqualTo("Renamed");
        assertThat(server.app.campaigns().get(c.id()).email().html()).isNull();
        Page audience = editor.post("/console/campaigns/" + c.id() + "/audience", Map.of("segments", "team", "excludeSegments", "friends"));
        assertThat(audience.status()).isEqualTo(303);
        assertThat(server.app.campaigns().get(c.id()).excludeSegments()).containsExactly("friends");

        server.app.campaigns().schedule(c.id(), server.clock.instant().plusSeconds(600));
        Page late = editor.post("/console/campaigns/" + c.id() + "/content", email("Too late"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("only drafts can be changed");
    }
}
