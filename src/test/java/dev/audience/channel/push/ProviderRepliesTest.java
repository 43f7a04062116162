package dev.audience.channel.push;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every provider reply lands in one outcome: the tables of docs/push.md, row by row. */
class ProviderRepliesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static PushOutcome apns(int status, String reason) {
        return ApnsReplies.classify(status, "id-1", Optional.ofNullable(reason), Optional.empty());
    }

    @Test
    void apnsReasons() {
        assertThat(apns(200, null)).isEqualTo(new PushOutcome.Accepted("id-1"));
        for (String r : new String[] {"BadDeviceToken", "DeviceTokenNotForTopic"}) {
            assertThat(apns(400, r)).isEqualTo(new PushOutcome.TokenInvalid("APNs 400 " + r, Optional.empty()));
        }
        assertThat(apns(410, "ExpiredToken")).isInstanceOf(PushOutcome.TokenInvalid.class);
        Instant since = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(ApnsReplies.classify(410, null, Optional.of("Unregistered"), Optional.of(since)))
                .isEqualTo(new PushOutcome.TokenInvalid("APNs 410 Unregistered", Optional.of(since)));
        for (String r : new String[] {"TooManyRequests", "TooManyProviderTokenUpdates"}) {
            assertThat(apns(429, r)).isEqualTo(new PushOutcome.RetryLater("APNs 429 " + r, Optional.empty()));
        }
        assertThat(apns(500, "InternalServerError")).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(apns(503, "ServiceUnavailable")).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(apns(503, "Shutdown")).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(apns(400, "IdleTimeout")).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(apns(403, "ExpiredProviderToken")).isInstanceOf(PushOutcome.RetryLater.class);
        for (String r : new String[] {"BadCollapseId", "BadExpirationDate", "BadMessageId", "BadPriority", "BadTopic",
                "DuplicateHeaders", "InvalidPushType", "MissingDeviceToken", "MissingTopic", "PayloadEmpty",
                "TopicDisallowed", "BadCertificate", "BadCertificateEnvironment", "Forbidden", "InvalidProviderToken",
                "MissingProviderToken", "BadPath", "MethodNotAllowed", "PayloadTooLarge"}) {
            assertThat(apns(400, r)).as(r).isInstanceOf(PushOutcome.FailedPermanently.class);
        }
        // a reason this list does not know: the status decides
        assertThat(apns(502, "SomethingNew")).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(apns(429, null)).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(apns(400, "SomethingNew")).isEqualTo(new PushOutcome.FailedPermanently("APNs 400 SomethingNew"));
        assertThat(ApnsReplies.failure(new ConnectException("Connection refused")))
                .isEqualTo(new PushOutcome.RetryLater("no reply from APNs (ConnectException: Connection refused)", Optional.empty()));
    }

    private static String fcmError(int code, String status, String errorCode, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + errorCode + "\"}]}}";
    }

    private static PushOutcome fcm(int status, String body) {
        return FcmReplies.classify(status, body, Optional.empty(), NOW);
    }

    @Test
    void fcmErrorCodes() {
        assertThat(fcm(200, "{\"name\":\"projects/p/messages/0:1\"}")).isEqualTo(new PushOutcome.Accepted("projects/p/messages/0:1"));
        assertThat(fcm(404, fcmError(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.")))
                .isEqualTo(new PushOutcome.TokenInvalid("FCM 404 UNREGISTERED: Requested entity was not found.", Optional.empty()));
        assertThat(fcm(403, fcmError(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch")))
                .isInstanceOf(PushOutcome.TokenInvalid.class);
        // an invalid token is an INVALID_ARGUMENT about message.token; any other INVALID_ARGUMENT is our payload
        String badToken = "{\"error\":{\"code\":400,\"message\":\"The registration token is not a valid FCM registration token\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"INVALID_ARGUMENT\"},{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":"
                + "[{\"field\":\"message.token\",\"description\":\"Invalid registration token\"}]}]}}";
        assertThat(fcm(400, badToken)).isInstanceOf(PushOutcome.TokenInvalid.class);
        assertThat(fcm(400, fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token")))
                .isInstanceOf(PushOutcome.TokenInvalid.class);
        assertThat(fcm(400, fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "Invalid value at 'message.android.ttl'")))
                .isEqualTo(new PushOutcome.FailedPermanently("FCM 400 INVALID_ARGUMENT: Invalid value at 'message.android.ttl'"));
        assertThat(fcm(401, fcmError(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", "Auth error from APNS or Web Push Service")))
                .isInstanceOf(PushOutcome.FailedPermanently.class);
        assertThat(fcm(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}"))
                .isEqualTo(new PushOutcome.FailedPermanently("FCM 401 UNAUTHENTICATED: Request had invalid authentication credentials."));
        assertThat(fcm(403, "{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\"}}"))
                .isEqualTo(new PushOutcome.FailedPermanently("FCM 403 PERMISSION_DENIED"));
        assertThat(fcm(429, fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded")))
                .isEqualTo(new PushOutcome.RetryLater("FCM 429 QUOTA_EXCEEDED: Quota exceeded", Optional.empty()));
        assertThat(fcm(503, fcmError(503, "UNAVAILABLE", "UNAVAILABLE", "busy"))).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(fcm(500, fcmError(500, "INTERNAL", "INTERNAL", "oops"))).isInstanceOf(PushOutcome.RetryLater.class);
        // not JSON at all (a proxy's HTML page): the status decides
        assertThat(fcm(502, "<html>Bad gateway</html>")).isEqualTo(new PushOutcome.RetryLater("FCM 502", Optional.empty()));
        assertThat(fcm(404, "<html>no</html>")).isEqualTo(new PushOutcome.FailedPermanently("FCM 404"));
    }

    @Test
    void fcmRetryAfterInSecondsOrAsADate() {
        assertThat(FcmReplies.classify(429, fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "q"), Optional.of("30"), NOW))
                .isEqualTo(new PushOutcome.RetryLater("FCM 429 QUOTA_EXCEEDED: q", Optional.of(Duration.ofSeconds(30))));
        assertThat(((PushOutcome.RetryLater) FcmReplies.classify(503, "", Optional.of("Sun, 29 Nov 2026 10:02:00 GMT"), NOW))
                .retryAfter()).contains(Duration.ofMinutes(2));
    }

    @Test
    void retryAfterHeaders() {
        assertThat(RetryAfter.parse(Optional.of(" 120 "), NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(Optional.of("Sun, 29 Nov 2026 10:00:30 GMT"), NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(Optional.of("Sun, 29 Nov 2026 09:00:00 GMT"), NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(Optional.of("soon"), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("-5"), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.empty(), NOW)).isEmpty();
    }

    @Test
    void noReplyIsRetryLater() {
        assertThat(FcmReplies.failure(new IOException("connection reset")))
                .isEqualTo(new PushOutcome.RetryLater("no reply from FCM (IOException: connection reset)", Optional.empty()));
    }

    @Test
    void expiryBecomesTheDeadlineAndTtl() {
        Optional<Instant> in90s = Optional.of(NOW.plusSeconds(90).plusMillis(500));
        assertThat(PushExpiry.deadline(in90s, NOW)).isEqualTo(NOW.plusSeconds(90).plusMillis(500));
        assertThat(PushExpiry.ttl(in90s, NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(PushExpiry.deadline(Optional.empty(), NOW)).isEqualTo(NOW.plus(Duration.ofDays(28)));
        assertThat(PushExpiry.ttl(Optional.empty(), NOW)).isEqualTo(Duration.ofDays(28));
        assertThat(PushExpiry.ttl(Optional.of(NOW.plus(Duration.ofDays(60))), NOW)).isEqualTo(Duration.ofDays(28));
        assertThat(PushExpiry.expired(Optional.of(NOW), NOW)).isTrue();
        assertThat(PushExpiry.expired(in90s, NOW)).isFalse();
        assertThat(PushExpiry.expired(Optional.empty(), NOW)).isFalse();
    }
}
