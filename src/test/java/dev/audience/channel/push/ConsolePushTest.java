package dev.audience.channel.push;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import dev.audience.testing.Backend;
import dev.audience.testing.ConsoleClient;
import dev.audience.testing.ConsoleClient.Page;
import dev.audience.testing.TestServer;
import dev.audience.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.PushContent;
import dev.audience.profile.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console with real push providers (Pushy's MockApnsServer and a server speaking FCM v1, both here beside this
 * test): Settings → Channels' test notifications through the server's own APNs and FCM senders, each provider's outcome
 * on the page and the keys' contents never; and a push campaign's page listing each message with the devices it went to.
 */
class ConsolePushTest {
    private static final String PASSWORD = "a long enough password";

    static MockApns apns;
    static FakeFcm fcm;
    static TestServer server;
    static ConsoleClient admin;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("console-push");
        apns = new MockApns(dir);
        fcm = new FakeFcm(dir);
        Map<String, String> push = new LinkedHashMap<>();
        push.put("apns.key_file", apns.keyFile.toString());
        push.put("apns.key_id", MockApns.KEY_ID);
        push.put("apns.team_id", MockApns.TEAM_ID);
        push.put("apns.topic", MockApns.TOPIC);
        push.put("apns.server", "127.0.0.1:" + apns.port);
        push.put("apns.trust_file", apns.trustFile.toString());
        push.put("fcm.credentials_file", fcm.credentialsFile.toString());
        push.put("fcm.endpoint", fcm.endpoint().toString());
        server = new TestServer(Backend.EMBEDDED, push);
        server.app.consoleUsers().create("admin@example.com", Role.ADMIN, PASSWORD);
        admin = server.console();
        admin.signIn("admin@example.com", PASSWORD);
        admin.get("/console/settings/channels");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        apns.close();
        fcm.close();
    }

    @Test
    void theKeysArePathsOnlyNeverTheirContents() throws Exception {
        String page = admin.get("/console/settings/channels").body();
        assertThat(page).contains("<code>apns.key_id</code></th><td>" + MockApns.KEY_ID + "</td>")
                .contains(apns.keyFile + " (its contents are not shown)")
                .contains(fcm.credentialsFile + " (its contents are not shown)");
        String key = Files.readString(apns.keyFile);
        assertThat(page).doesNotContain(key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow());
        assertThat(page).doesNotContain("private_key");
    }

    @Test
    void aTestNotificationReachesApnsAndTheOutcomeIsShown() throws Exception {
        Page accepted = admin.post("/console/settings/channels/ios-test", Map.of("iosToken", MockApns.GOOD_TOKEN));
        assertThat(accepted.body()).contains("<p id=\"ios-result\" role=\"status\" class=\"ok\"><strong>Sent.</strong> Accepted (id ");
        ApnsPushNotification n = apns.nextAccepted();
        assertThat(n.getToken()).isEqualTo(MockApns.GOOD_TOKEN);
        assertThat(n.getPayload()).contains("\"title\":\"Audience test\"");

        Page dead = admin.post("/console/settings/channels/ios-test", Map.of("iosToken", MockApns.UNREGISTERED_TOKEN));
        assertThat(dead.body()).contains("<p id=\"ios-result\" role=\"status\" class=\"error\"><strong>Not sent.</strong> The token is not valid:")
                .contains("Unregistered");
        Page empty = admin.post("/console/settings/channels/ios-test", Map.of("iosToken", ""));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("<small id=\"iosToken-help\" class=\"error\">is required");
    }

    @Test
    void aTestNotificationReachesFcmAndTheOutcomeIsShown() throws Exception {
        fcm.drain();
        Page accepted = admin.post("/console/settings/channels/android-test", Map.of("androidToken", "fcm-device-console-1"));
        assertThat(accepted.body()).contains("<p id=\"android-result\" role=\"status\" class=\"ok\"><strong>Sent.</strong> Accepted (id projects/"
                + FakeFcm.PROJECT + "/messages/");
        FakeFcm.Received r = fcm.nextSend();
        assertThat(r.body().path("message").path("token").asText()).isEqualTo("fcm-device-console-1");
        assertThat(r.body().toString()).contains("Audience test");

        Page gone = admin.post("/console/settings/channels/android-test", Map.of("androidToken", "unregistered"));
        assertThat(gone.body()).contains("class=\"error\"><strong>Not sent.</strong> The token is not valid:");
    }

    @Test
    void aPushCampaignsPageShowsEachMessageWithTheDevicesItWentToAndWhy() {
        var api = server.api();
        api.put("/api/v1/profiles/pp-ada", "{}");
        api.put("/api/v1/profiles/pp-bob", "{}");
        server.app.profiles().addPushToken("pp-ada", MockApns.GOOD_TOKEN, Platform.IOS);
        server.app.profiles().addPushToken("pp-bob", MockApns.UNREGISTERED_TOKEN, Platform.IOS);
        server.app.profiles().addPushToken("pp-bob", "fcm-device-bob-0123456789", Platform.ANDROID);
        api.post("/api/v1/segments", dev.audience.testing.ApiClient.json(Map.of("key", "pp", "name", "pp", "type", "static")));
        api.post("/api/v1/segments/pp/members", dev.audience.testing.ApiClient.json(Map.of("userIds", List.of("pp-ada", "pp-bob"))));
        Campaign c = server.app.campaigns().create(new CampaignDraft("Offer", Campaign.PUSH, List.of("pp"), List.of(),
                PushContent.of("Hi", "Your offer"), null));
        server.app.campaigns().schedule(c.id(), null);
        server.app.campaigns().tick();
        server.app.push().drain();
        server.app.campaigns().tick();

        String page = admin.get("/console/campaigns/" + c.id()).body();
        assertThat(page).contains("<strong id=\"campaign-status\" class=\"status status-sent\">sent</strong>")
                .contains("<td id=\"count-sent\">2</td>").contains("<th scope=\"col\">Devices</th>");
        // bob's row: sent (FCM took it), with his dead iOS token beside it and APNs' reason
        String bob = page.substring(page.indexOf("pp-bob</a>"));
        bob = bob.substring(0, bob.indexOf("</tr>"));
        assertThat(bob).contains("2 devices").contains("ios <code>" + MockApns.UNREGISTERED_TOKEN.substring(0, 12) + "…</code>: token-invalid")
                .contains("android <code>fcm-device-b…</code>: accepted");
        assertThat(server.app.profiles().get("pp-bob").pushTokens()).anyMatch(t -> !t.valid());
        apns.accepted.clear();
        fcm.drain();
    }
}
