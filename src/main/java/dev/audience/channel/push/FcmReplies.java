package dev.audience.channel.push;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Sorts FCM HTTP v1 replies into outcomes by the FcmError {@code errorCode} in the error's details, else its
 * status (google.rpc), else the HTTP code (Firebase's "FCM error codes"). 429 and 5xx honour Retry-After.
 */
public final class FcmReplies {
    /** The token is unusable for this project: uninstalled app, or a token of another sender. */
    static final Set<String> TOKEN_INVALID = Set.of("UNREGISTERED", "SENDER_ID_MISMATCH");
    static final Set<String> RETRY = Set.of("QUOTA_EXCEEDED", "UNAVAILABLE", "INTERNAL");

    private FcmReplies() {}

    /** The outcome of a reply with HTTP {@code status}, JSON {@code body} and Retry-After header, at {@code now}. */
    public static PushOutcome classify(int status, String body, Optional<String> retryAfter, Instant now) {
        JsonNode json = PushJson.read(body);
        if (status >= 200 && status < 300) return new PushOutcome.Accepted(json.path("name").asText(""));
        JsonNode error = json.path("error");
        String code = errorCode(error);
        String text = "FCM " + status + (code.isEmpty() ? "" : " " + code)
                + (error.path("message").asText("").isEmpty() ? "" : ": " + error.path("message").asText());
        if (TOKEN_INVALID.contains(code) || ("INVALID_ARGUMENT".equals(code) && aboutTheToken(error))) {
            return new PushOutcome.TokenInvalid(text, Optional.empty());
        }
        if (RETRY.contains(code) || status == 429 || status >= 500) {
            return new PushOutcome.RetryLater(text, RetryAfter.parse(retryAfter, now));
        }
        return new PushOutcome.FailedPermanently(text);
    }

    /** No reply: the connection could not be made, was lost, or timed out. The message may be sent again. */
    public static PushOutcome failure(Throwable t) {
        String what = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return new PushOutcome.RetryLater("no reply from FCM (" + what + ")", Optional.empty());
    }

    private static String errorCode(JsonNode error) {
        for (JsonNode d : error.path("details")) {
            if (d.path("@type").asText("").endsWith("google.firebase.fcm.v1.FcmError") && d.hasNonNull("errorCode")) {
                return d.path("errorCode").asText();
            }
        }
        return error.path("status").asText("");
    }

    /** An invalid argument that is the token: a BadRequest field violation on message.token, or FCM's wording. */
    private static boolean aboutTheToken(JsonNode error) {
        for (JsonNode d : error.path("details")) {
            for (JsonNode v : d.path("fieldViolations")) {
                if ("message.token".equals(v.path("field").asText())) return true;
            }
        }
        return error.path("message").asText("").toLowerCase(java.util.Locale.ROOT).contains("registration token");
    }
}
