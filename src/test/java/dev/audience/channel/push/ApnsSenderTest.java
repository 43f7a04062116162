package dev.audience.channel.push;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import dev.audience.campaign.PushContent;
import dev.audience.campaign.template.RenderedPush;
import dev.audience.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End to end against Pushy's MockApnsServer: HTTP/2 over TLS, token authentication, APNs' replies. */
class ApnsSenderTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    static Path dir;
    static MockApns apns;
    static ApnsSender sender;
    static final MutableClock clock = new MutableClock(NOW);

    @BeforeAll
    static void start() throws Exception {
        apns = new MockApns(dir);
        sender = ApnsSender.open(apns.settings(2), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        if (sender != null) sender.close();
        if (apns != null) apns.close();
    }

    @BeforeEach
    void reset() {
        clock.set(NOW);
        apns.accepted.clear();
        apns.rejected.clear();
        apns.throttleNext.set(0);
    }

    private static RenderedPush offer() {
        return new RenderedPush("Hi Ada", "Your offer", "https://cdn.example/a.png", "myapp://offers/42",
                List.of(new PushContent.Action("buy", "Buy", "https://shop.example/b")), Map.of("orderId", "42"),
                new PushContent.Ios("default", 3, "offer", "offers", "time-sensitive", 0.5, "offer-42"), null);
    }

    private static PushOutcome send(String token, RenderedPush push, Optional<Instant> expiresAt) throws Exception {
        return sender.send(new PushMessage(token, push, expiresAt)).get(20, TimeUnit.SECONDS);
    }

    @Test
    void acceptedWithTheExactPayloadAndHeaders() throws Exception {
        Instant expiry = NOW.plusSeconds(3600);
        PushOutcome outcome = send(MockApns.GOOD_TOKEN, offer(), Optional.of(expiry));
        assertThat(outcome).isInstanceOf(PushOutcome.Accepted.class);
        assertThat(((PushOutcome.Accepted) outcome).providerId()).matches("[0-9a-f-]{36}");

        ApnsPushNotification got = apns.nextAccepted();
        assertThat(got.getToken()).isEqualTo(MockApns.GOOD_TOKEN);
        assertThat(got.getTopic()).isEqualTo(MockApns.TOPIC);
        assertThat(got.getExpiration()).isEqualTo(expiry);
        assertThat(got.getCollapseId()).isEqualTo("offer-42");
        assertThat(got.getPriority()).isEqualTo(DeliveryPriority.IMMEDIATE);
        assertThat(got.getPushType()).isEqualTo(PushType.ALERT);
        assertThat(got.getPayload()).isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"},"
                + "\"sound\":\"default\",\"badge\":3,\"category\":\"offer\",\"thread-id\":\"offers\","
                + "\"interruption-level\":\"time-sensitive\",\"relevance-score\":0.5,\"mutable-content\":1},"
                + "\"audience\":{\"imageUrl\":\"https://cdn.example/a.png\",\"url\":\"myapp://offers/42\","
                + "\"actions\":[{\"id\":\"buy\",\"label\":\"Buy\",\"url\":\"https://shop.example/b\"}]},\"orderId\":\"42\"}");
    }

    @Test
    void withoutAnExpiryApnsKeepsTryingForTheDefaultLifetime() throws Exception {
        PushOutcome outcome = send(MockApns.GOOD_TOKEN, new RenderedPush("t", "b", null, null, List.of(), Map.of(), null, null),
                Optional.empty());
        assertThat(outcome).isInstanceOf(PushOutcome.Accepted.class);
        ApnsPushNotification got = apns.nextAccepted();
        assertThat(got.getExpiration()).isEqualTo(NOW.plus(PushExpiry.DEFAULT_LIFETIME));
        assertThat(got.getCollapseId()).isNull();
    }

    @Test
    void aMalformedTokenIsABadDeviceToken() throws Exception {
        assertThat(send("not-a-token", offer(), Optional.empty()))
                .isEqualTo(new PushOutcome.TokenInvalid("APNs 400 BadDeviceToken", Optional.empty()));
    }

    @Test
    void aWellFormedTokenOfAnotherAppIsNotForTheTopic() throws Exception {
        assertThat(send(MockApns.UNKNOWN_TOKEN, offer(), Optional.empty()))
                .isEqualTo(new PushOutcome.TokenInvalid("APNs 400 DeviceTokenNotForTopic", Optional.empty()));
    }

    @Test
    void anUnregisteredTokenSaysSinceWhen() throws Exception {
        assertThat(send(MockApns.UNREGISTERED_TOKEN, offer(), Optional.empty()))
                .isEqualTo(new PushOutcome.TokenInvalid("APNs 410 Unregistered", Optional.of(MockApns.UNREGISTERED_SINCE)));
    }

    @Test
    void throttledThenAccepted() throws Exception {
        apns.throttleNext.set(1);
        assertThat(send(MockApns.GOOD_TOKEN, offer(), Optional.empty()))
                .isEqualTo(new PushOutcome.RetryLater("APNs 429 TooManyRequests", Optional.empty()));
        assertThat(apns.rejected.poll(10, TimeUnit.SECONDS)).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(send(MockApns.GOOD_TOKEN, offer(), Optional.empty())).isInstanceOf(PushOutcome.Accepted.class);
        assertThat(apns.nextAccepted().getToken()).isEqualTo(MockApns.GOOD_TOKEN);
    }

    @Test
    void manyNotificationsAtOnceOverTwoConnections() throws Exception {
        List<CompletableFuture<PushOutcome>> sends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sends.add(sender.send(new PushMessage(MockApns.GOOD_TOKEN,
                    new RenderedPush("n" + i, "b", null, null, List.of(), Map.of(), null, null), Optional.empty())));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (CompletableFuture<PushOutcome> s : sends) assertThat(s.get()).isInstanceOf(PushOutcome.Accepted.class);
        List<ApnsPushNotification> got = new ArrayList<>();
        while (got.size() < 200) got.add(apns.nextAccepted());
        assertThat(got).extracting(n -> n.getPayload().replaceAll(".*\"title\":\"(n\\d+)\".*", "$1")).doesNotHaveDuplicates();
    }

    @Test
    void aKeyApnsDoesNotKnowIsRefusedForGood() throws Exception {
        Path otherKey = Files.writeString(dir.resolve("other.p8"), TestKeys.pkcs8Pem(TestKeys.ecP256().getPrivate()));
        ApnsSettings s = apns.settings(1);
        try (ApnsSender impostor = ApnsSender.open(new ApnsSettings(otherKey, s.keyId(), s.teamId(), s.topic(), s.host(),
                s.port(), s.trustFile(), 1), clock)) {
            assertThat(impostor.send(new PushMessage(MockApns.GOOD_TOKEN, offer(), Optional.empty())).get(20, TimeUnit.SECONDS))
                    .isEqualTo(new PushOutcome.FailedPermanently("APNs 403 InvalidProviderToken"));
        }
    }

    @Test
    void expiredOrOversizedNotificationsDoNotLeave() throws Exception {
        assertThat(send(MockApns.GOOD_TOKEN, offer(), Optional.of(NOW)))
                .isEqualTo(new PushOutcome.FailedPermanently("expired at 2026-11-29T10:00:00Z, before it was sent"));
        RenderedPush huge = new RenderedPush("t", "b".repeat(4100), null, null, List.of(), Map.of(), null, null);
        assertThat(send(MockApns.GOOD_TOKEN, huge, Optional.empty())).isInstanceOf(PushOutcome.FailedPermanently.class)
                .hasToString("FailedPermanently[reason=the APNs payload is 4,141 bytes for this recipient; APNs accepts at most 4,096]");
        // proof that neither reached the server: the next one is the first it sees
        send(MockApns.GOOD_TOKEN, new RenderedPush("marker", "b", null, null, List.of(), Map.of(), null, null), Optional.empty());
        assertThat(apns.nextAccepted().getPayload()).contains("marker");
        assertThat(apns.rejected).isEmpty();
    }

    @Test
    void noServerIsRetryLater() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ApnsSettings s = apns.settings(1);
        try (ApnsSender nowhere = ApnsSender.open(new ApnsSettings(s.keyFile(), s.keyId(), s.teamId(), s.topic(), s.host(),
                closedPort, s.trustFile(), 1), clock)) {
            PushOutcome outcome = nowhere.send(new PushMessage(MockApns.GOOD_TOKEN, offer(), Optional.empty())).get(20, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOf(PushOutcome.RetryLater.class);
            assertThat(((PushOutcome.RetryLater) outcome).reason()).startsWith("no reply from APNs");
        }
    }

    @Test
    void filesThatDoNotLoadAreNamed() throws Exception {
        ApnsSettings s = apns.settings(1);
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");
        assertThatThrownBy(() -> ApnsSender.open(new ApnsSettings(dir.resolve("missing.p8"), s.keyId(), s.teamId(), s.topic(),
                s.host(), s.port(), Optional.empty(), 1), clock))
                .isInstanceOf(PushSetupException.class).hasMessageContaining("missing.p8: no such file")
                .extracting(e -> ((PushSetupException) e).part()).isEqualTo(PushSetupException.Part.APNS_KEY_FILE);
        assertThatThrownBy(() -> ApnsSender.open(new ApnsSettings(garbage, s.keyId(), s.teamId(), s.topic(),
                s.host(), s.port(), Optional.empty(), 1), clock))
                .hasMessageContaining("is not an APNs signing key")
                .extracting(e -> ((PushSetupException) e).part()).isEqualTo(PushSetupException.Part.APNS_KEY_FILE);
        assertThatThrownBy(() -> ApnsSender.open(new ApnsSettings(s.keyFile(), s.keyId(), s.teamId(), s.topic(),
                s.host(), s.port(), Optional.of(garbage), 1), clock))
                .hasMessageContaining("garbage.pem is not an X.509 certificate")
                .extracting(e -> ((PushSetupException) e).part()).isEqualTo(PushSetupException.Part.APNS_TRUST_FILE);
    }

    @Test
    void withoutTheTestCaTheServerIsNotTrusted() throws Exception {
        ApnsSettings s = apns.settings(1);
        try (ApnsSender untrusting = ApnsSender.open(new ApnsSettings(s.keyFile(), s.keyId(), s.teamId(), s.topic(), s.host(),
                s.port(), Optional.empty(), 1), clock)) {
            PushOutcome outcome = untrusting.send(new PushMessage(MockApns.GOOD_TOKEN, offer(), Optional.empty())).get(20, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOf(PushOutcome.RetryLater.class);
        }
        assertThat(apns.accepted).isEmpty();
    }
}
