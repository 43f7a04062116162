package dev.audience.channel.push;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Sorts APNs replies into outcomes by their {@code reason} (Apple's "Handling notification responses from
 * APNs"), falling back on the status code for a reason this list does not know. APNs sends no Retry-After.
 */
public final class ApnsReplies {
    /** The token will never work for this app: uninstalled, malformed, or for another topic or environment. */
    static final Set<String> TOKEN_INVALID = Set.of("Unregistered", "BadDeviceToken", "DeviceTokenNotForTopic",
            "ExpiredToken");
    /**
     * Worth sending again: throttling, Apple's own trouble, a connection idle too long, and a provider token past
     * its hour (the client signs a fresh one).
     */
    static final Set<String> RETRY = Set.of("TooManyRequests", "TooManyProviderTokenUpdates", "InternalServerError",
            "ServiceUnavailable", "Shutdown", "IdleTimeout", "ExpiredProviderToken");

    private ApnsReplies() {}

    /** The outcome of a reply with HTTP {@code status}, APNs {@code reason}, and the token's invalidation time. */
    public static PushOutcome classify(int status, String apnsId, Optional<String> reason, Optional<Instant> invalidSince) {
        if (status == 200) return new PushOutcome.Accepted(apnsId == null ? "" : apnsId);
        String r = reason.orElse("");
        String text = "APNs " + status + (r.isEmpty() ? "" : " " + r);
        if (TOKEN_INVALID.contains(r)) return new PushOutcome.TokenInvalid(text, invalidSince);
        if (RETRY.contains(r) || status == 429 || status >= 500) return new PushOutcome.RetryLater(text, Optional.empty());
        return new PushOutcome.FailedPermanently(text);
    }

    /** No reply: the connection could not be made or was lost. The notification may be sent again. */
    public static PushOutcome failure(Throwable t) {
        String what = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return new PushOutcome.RetryLater("no reply from APNs (" + what + ")", Optional.empty());
    }
}
