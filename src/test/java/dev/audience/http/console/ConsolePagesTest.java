package dev.audience.http.console;

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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The overview and the profile pages over plain HTTP, on both back ends, with data made through the API. */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsolePagesTest {
    @Parameter
    Backend backend;

    static TestServer server;
    static ConsoleClient viewer;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        var api = server.api();
        api.put("/api/v1/profiles/ada", json(Map.of("email", "ada@example.com", "emailStatus", "unsubscribed",
                "attributes", Map.of("plan", "pro", "first_name", "Ada"))));
        server.app.profiles().put("team/bob smith", new dev.audience.profile.ProfileChanges(dev.audience.common.Change.to(
                "bob.smith@example.com"), dev.audience.common.Change.absent(), dev.audience.common.Change.absent(),
                dev.audience.common.Change.absent(), Map.of()));
        server.app.profiles().addPushToken("ada", "ios-token-0123456789abcdef", Platform.IOS);
        server.app.profiles().addPushToken("ada", "android-token-0123456789", Platform.ANDROID);
        server.app.storage().profiles().invalidatePushTokens(Map.of("android-token-0123456789", "Unregistered"),
                server.clock.instant());
        api.post("/api/v1/events", json(Map.of("events", List.of(Map.of("userId", "ada", "name", "page_view",
                "properties", Map.of("url", "/pricing"), "timestamp", server.clock.instant().minusSeconds(60).toString())))));
        api.post("/api/v1/segments", json(Map.of("key", "friends", "name", "Friends", "type", "static")));
        api.post("/api/v1/segments/friends/members", json(Map.of("userIds", List.of("ada", "team/bob smith"))));
        String id = api.post("/api/v1/campaigns", json(Map.of("name", "Spring news", "channel", "email",
                "segments", List.of("friends"), "content", content()))).json().get("id").asText();
        server.app.campaigns().testSend(id, null, List.of("ada"));
        String later = api.post("/api/v1/campaigns", json(Map.of("name", "Summer news", "channel", "email",
                "segments", List.of("friends"), "content", content()))).json().get("id").asText();
        api.post("/api/v1/campaigns/" + later + "/schedule", json(Map.of("sendAt",
                server.clock.instant().plus(Duration.ofDays(3)).toString())));
        api.post("/api/v1/campaigns/" + id + "/schedule", "");
        server.app.campaigns().tick(); // Spring news starts: its rows are queued (no sending worker runs in tests)
        server.app.consoleUsers().create("viewer@example.com", Role.VIEWER, "a long enough password");
        viewer = server.console();
        viewer.signIn("viewer@example.com", "a long enough password");
    }

    private static Map<String, Object> content() {
        return Map.of("fromName", "Acme", "fromEmail", "news@acme.test", "subject", "Hello", "text", "Hi {{ unsubscribe_url }}");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void theOverviewShowsWhatIsSendingWhatComesNextAndSegmentSizes() {
        String body = viewer.get("/console").body();
        String sending = body.substring(body.indexOf("id=\"sending-title\""), body.indexOf("id=\"upcoming-title\""));
        // ada is unsubscribed: her row is settled at once (skipped); team/bob smith's is queued
        assertThat(sending).contains("Spring news").contains("1 of 2 messages settled (50%)");
        String upcoming = body.substring(body.indexOf("id=\"upcoming-title\""), body.indexOf("id=\"sent-title\""));
        assertThat(upcoming).contains("Summer news").contains("2026-11-04 12:00 UTC");
        assertThat(body).contains("<a href=\"/console/segments/friends\">Friends</a>");
    }

    @Test
    void searchFindsByUserIdOrEmailAndSaysSoWhenNothingMatches() {
        Page byEmail = viewer.get("/console/profiles?q=ADA%40example.com");
        assertThat(byEmail.body()).contains("<a href=\"/console/profile?userId=ada\">ada</a>");
        Page byPrefix = viewer.get("/console/profiles?q=team");
        assertThat(byPrefix.body()).contains("/console/profile?userId=team%2Fbob+smith");
        Page none = viewer.get("/console/profiles?q=zzz");
        assertThat(none.body()).contains("<p id=\"no-results\">No profile has a userId or email that is or begins with “zzz”.</p>");
        assertThat(viewer.get("/console/profiles").body()).contains("Type a userId or an email to find a profile.");
    }

    @Test
    void aProfileShowsConsentDevicesAttributesSegmentsEventsAndMessages() {
        Page page = viewer.get("/console/profile?userId=ada");
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("<h1>ada</h1>").contains("<strong id=\"email-status\">unsubscribed</strong>")
                .contains("ios <code>ios-token-012345…</code>")
                .contains("android <code>android-token-01…</code>")
                .contains("no longer valid since 2026-11-01 12:00 UTC: Unregistered")
                .contains("<tr><th scope=\"row\">plan</th><td>pro</td></tr>")
                .contains("<a href=\"/console/segments/friends?explain=ada\">Friends</a>");
        String events = body.substring(body.indexOf("<table id=\"events\">"));
        assertThat(events).contains("page_view").contains("/pricing");
        String messages = body.substring(body.indexOf("<table id=\"messages\">"));
        String[] rows = messages.substring(messages.indexOf("<tbody>"), messages.indexOf("</tbody>")).split("<tr>");
        assertThat(rows).hasSize(3); // "" before the first row, then the two rows
        // newest first: the real send, skipped (she unsubscribed), then the earlier test send
        assertThat(rows[1]).contains("Spring news").doesNotContain("(test)").contains("skipped");
        assertThat(rows[2]).contains("Spring news").contains("(test)");

        Page slash = viewer.get("/console/profile?userId=team%2Fbob+smith");
        assertThat(slash.status()).isEqualTo(200);
        assertThat(slash.body()).contains("<h1>team/bob smith</h1>").contains("No push token registered.")
                .contains("No events recorded.");
        Page missing = viewer.get("/console/profile?userId=nobody");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("no profile with userId nobody");
    }
}
