package dev.audience.channel.push;

import dev.audience.campaign.PushContent;
import dev.audience.campaign.template.RenderedPush;
import dev.audience.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End to end against an in-process server speaking FCM HTTP v1 and the OAuth2 token endpoint. */
class FcmSenderTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    static Path dir;
    static FakeFcm fcm;
    static FcmSender sender;
    static final MutableClock clock = new MutableClock(NOW);

    @BeforeAll
    static void start() throws Exception {
        fcm = new FakeFcm(dir);
        sender = FcmSender.open(fcm.settings(), clock);
    }

    @AfterAll
    static void stop() {
        if (sender != null) sender.close();
        if (fcm != null) fcm.close();
    }

    @BeforeEach
    void reset() {
        clock.set(NOW);
        fcm.drain();
        fcm.nextReplies.clear();
        fcm.refuseGrants = false;
    }

    private static final PushContent.Android ANDROID =
            new PushContent.Android("offers", "high", "#ff6600", "ic_offer", "offer", "private", "offer-42");

    private static RenderedPush offer(List<PushContent.Action> actions) {
        return new RenderedPush("Hi Ada", "Your offer", "https://cdn.example/a.png", "myapp://offers/42", actions,
                Map.of("orderId", "42"), null, ANDROID);
    }

    private static PushOutcome send(FcmSender s, String token, RenderedPush push, Optional<Instant> expiresAt) throws Exception {
        return s.send(new PushMessage(token, push, expiresAt)).get(20, TimeUnit.SECONDS);
    }

    private static PushOutcome send(String token, RenderedPush push) throws Exception {
        return send(sender, token, push, Optional.of(NOW.plusSeconds(3600)));
    }

    @Test
    void acceptedWithTheExactNotificationMessage() throws Exception {
        PushOutcome outcome = send("device-1", offer(List.of()));
        FakeFcm.Received got = fcm.nextSend();
        assertThat(outcome).isEqualTo(new PushOutcome.Accepted("projects/audience-test/messages/1"));
        assertThat(got.authorization()).startsWith("Bearer ya29.test-");
        assertThat(got.contentType()).isEqualTo("application/json; charset=UTF-8");
        assertThat(got.body().toString()).isEqualTo("{\"message\":{\"token\":\"device-1\","
                + "\"notification\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\",\"image\":\"https://cdn.example/a.png\"},"
                + "\"data\":{\"orderId\":\"42\",\"audience_url\":\"myapp://offers/42\"},"
                + "\"android\":{\"collapse_key\":\"offer-42\",\"priority\":\"HIGH\",\"ttl\":\"3600s\","
                + "\"notification\":{\"channel_id\":\"offers\",\"color\":\"#ff6600\",\"icon\":\"ic_offer\",\"tag\":\"offer\","
                + "\"visibility\":\"PRIVATE\"}}}}");
    }

    @Test
    void buttonsTravelAsADataMessage() throws Exception {
        var actions = List.of(new PushContent.Action("buy", "Buy", "https://shop.example/b"),
                new PushContent.Action("later", "Later", "myapp://later"));
        assertThat(send("device-1", offer(actions))).isInstanceOf(PushOutcome.Accepted.class);
        assertThat(fcm.nextSend().body().toString()).isEqualTo("{\"message\":{\"token\":\"device-1\","
                + "\"data\":{\"orderId\":\"42\",\"audience_title\":\"Hi Ada\",\"audience_body\":\"Your offer\","
                + "\"audience_image_url\":\"https://cdn.example/a.png\",\"audience_url\":\"myapp://offers/42\","
                + "\"audience_actions\":\"[{\\\"id\\\":\\\"buy\\\",\\\"label\\\":\\\"Buy\\\",\\\"url\\\":\\\"https://shop.example/b\\\"},"
                + "{\\\"id\\\":\\\"later\\\",\\\"label\\\":\\\"Later\\\",\\\"url\\\":\\\"myapp://later\\\"}]\","
                + "\"audience_channel_id\":\"offers\",\"audience_color\":\"#ff6600\",\"audience_icon\":\"ic_offer\","
                + "\"audience_tag\":\"offer\",\"audience_visibility\":\"private\"},"
                + "\"android\":{\"collapse_key\":\"offer-42\",\"priority\":\"HIGH\",\"ttl\":\"3600s\"}}}");
    }

    @Test
    void theAccessTokenIsFetchedOnceAndReusedAcrossConcurrentSends() throws Exception {
        try (FcmSender fresh = FcmSender.open(fcm.settings(), clock)) {
            int before = fcm.tokenRequests.get();
            List<CompletableFuture<PushOutcome>> sends = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sends.add(fresh.send(new PushMessage("device-" + i, offer(List.of()), Optional.empty())));
            }
            for (CompletableFuture<PushOutcome> s : sends) {
                assertThat(s.get(20, TimeUnit.SECONDS)).isInstanceOf(PushOutcome.Accepted.class);
            }
            assertThat(fcm.tokenRequests.get() - before).isEqualTo(1);
            assertThat(fcm.drain()).hasSize(50).extracting(FakeFcm.Received::authorization).containsOnly(
                    "Bearer ya29.test-" + (before + 1));
        }
    }

    @Test
    void expiryBecomesTheTtlCountedOnTheClock() throws Exception {
        // 59.5 s left: the TTL is rounded down, never past the expiry
        clock.advance(Duration.ofMinutes(59).plusMillis(500));
        send(sender, "device-1", offer(List.of()), Optional.of(NOW.plusSeconds(3600)));
        assertThat(fcm.nextSend().body().path("message").path("android").path("ttl").asText()).isEqualTo("59s");
        send(sender, "device-1", offer(List.of()), Optional.empty());
        assertThat(fcm.nextSend().body().path("message").path("android").path("ttl").asText()).isEqualTo("2419200s");
        clock.advance(Duration.ofMinutes(1));
        assertThat(send(sender, "device-1", offer(List.of()), Optional.of(NOW.plusSeconds(3600))))
                .isEqualTo(new PushOutcome.FailedPermanently("expired at 2026-11-29T11:00:00Z, before it was sent"));
        assertThat(fcm.sends).isEmpty();
    }

    @Test
    void unregisteredAndMalformedTokensAreInvalid() throws Exception {
        assertThat(send("unregistered", offer(List.of())))
                .isEqualTo(new PushOutcome.TokenInvalid("FCM 404 UNREGISTERED: Requested entity was not found.", Optional.empty()));
        assertThat(send("malformed", offer(List.of()))).isEqualTo(new PushOutcome.TokenInvalid(
                "FCM 400 INVALID_ARGUMENT: The registration token is not a valid FCM registration token", Optional.empty()));
    }

    @Test
    void throttledWithRetryAfterThenAccepted() throws Exception {
        fcm.nextReplies.add(new FakeFcm.Reply(429, FakeFcm.error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED",
                "Quota exceeded for quota metric", ""), Map.of("Retry-After", "30")));
        assertThat(send("device-1", offer(List.of()))).isEqualTo(new PushOutcome.RetryLater(
                "FCM 429 QUOTA_EXCEEDED: Quota exceeded for quota metric", Optional.of(Duration.ofSeconds(30))));
        assertThat(send("device-1", offer(List.of()))).isInstanceOf(PushOutcome.Accepted.class);
        assertThat(fcm.drain()).hasSize(2);
    }

    @Test
    void unavailableWithARetryAfterDate() throws Exception {
        fcm.nextReplies.add(new FakeFcm.Reply(503, FakeFcm.error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is unavailable", ""),
                Map.of("Retry-After", "Sun, 29 Nov 2026 10:02:00 GMT")));
        fcm.nextReplies.add(new FakeFcm.Reply(500, FakeFcm.error(500, "INTERNAL", "INTERNAL", "Internal error", ""), Map.of()));
        assertThat(send("device-1", offer(List.of()))).isEqualTo(new PushOutcome.RetryLater(
                "FCM 503 UNAVAILABLE: The service is unavailable", Optional.of(Duration.ofMinutes(2))));
        assertThat(send("device-1", offer(List.of())))
                .isEqualTo(new PushOutcome.RetryLater("FCM 500 INTERNAL: Internal error", Optional.empty()));
    }

    @Test
    void aBadRequestIsFinal() throws Exception {
        fcm.nextReplies.add(new FakeFcm.Reply(400, FakeFcm.error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                "Invalid color value", ""), Map.of()));
        assertThat(send("device-1", offer(List.of())))
                .isEqualTo(new PushOutcome.FailedPermanently("FCM 400 INVALID_ARGUMENT: Invalid color value"));
    }

    @Test
    void aRefusedGrantIsFinalAndNothingIsSent() throws Exception {
        fcm.refuseGrants = true;
        // a fresh sender: the shared one holds a valid token already
        try (FcmSender fresh = FcmSender.open(fcm.settings(), clock)) {
            PushOutcome outcome = send(fresh, "device-1", offer(List.of()), Optional.empty());
            assertThat(outcome).isInstanceOf(PushOutcome.FailedPermanently.class);
            assertThat(((PushOutcome.FailedPermanently) outcome).reason()).startsWith("no FCM access token from ")
                    .contains("invalid_grant");
        }
        assertThat(fcm.sends).isEmpty();
    }

    @Test
    void oversizedMessagesDoNotLeave() throws Exception {
        RenderedPush huge = new RenderedPush("t", "b".repeat(4000), null, null, List.of(), Map.of(), null, null);
        assertThat(send("device-1", huge)).isInstanceOf(PushOutcome.FailedPermanently.class)
                .extracting(o -> ((PushOutcome.FailedPermanently) o).reason()).asString()
                .startsWith("the FCM payload is 4,0").endsWith("bytes for this recipient; FCM accepts at most 4,000");
        assertThat(fcm.sends).isEmpty();
    }

    @Test
    void noServerIsRetryLater() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        FcmSettings s = fcm.settings();
        try (FcmSender nowhere = FcmSender.open(new FcmSettings(s.credentialsFile(), URI.create("http://127.0.0.1:" + closedPort),
                s.timeout()), clock)) {
            PushOutcome outcome = send(nowhere, "device-1", offer(List.of()), Optional.empty());
            assertThat(outcome).isInstanceOf(PushOutcome.RetryLater.class);
            assertThat(((PushOutcome.RetryLater) outcome).reason()).startsWith("no reply from FCM");
        }
    }

    @Test
    void credentialsThatDoNotLoadAreNamed() throws Exception {
        Path notJson = Files.writeString(dir.resolve("not.json"), "hello");
        Path user = Files.writeString(dir.resolve("user.json"), "{\"type\":\"authorized_user\"}");
        Path noProject = Files.writeString(dir.resolve("noproject.json"),
                Files.readString(fcm.credentialsFile).replace("\"project_id\":\"audience-test\",", ""));
        Path badKey = Files.writeString(dir.resolve("badkey.json"),
                Files.readString(fcm.credentialsFile).replaceAll("\"private_key\":\"[^\"]*\"", "\"private_key\":\"nope\""));
        Map<Path, String> cases = Map.of(dir.resolve("missing.json"), "missing.json: no such file",
                notJson, "not.json is not JSON", user, "has \"type\": \"authorized_user\"",
                noProject, "has no \"project_id\"", badKey, "is not a usable service-account key");
        cases.forEach((file, message) -> assertThatThrownBy(() -> FcmCredentials.load(file)).as(file.toString())
                .isInstanceOf(PushSetupException.class).hasMessageContaining(message)
                .extracting(e -> ((PushSetupException) e).part()).isEqualTo(PushSetupException.Part.FCM_CREDENTIALS_FILE));
        FcmCredentials good = FcmCredentials.load(fcm.credentialsFile);
        assertThat(good.projectId()).isEqualTo(FakeFcm.PROJECT);
        assertThat(good.clientEmail()).isEqualTo(FakeFcm.CLIENT_EMAIL);
        assertThat(good.tokenUri()).isEqualTo(fcm.tokenUri());
    }
}
