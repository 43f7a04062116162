package dev.audience.campaign;

import java.util.List;

/**
 * How large each push provider's payload would be for some content, and how large it may be. The domain
 * declares it so that {@link PushContentRules} can refuse content that no provider would accept; the push
 * channel implements it by building the real payloads.
 */
public interface PushPayloadLimits {
    /** One size per provider (APNs, FCM), for {@code content} with its templates as written. */
    List<PayloadSize> sizes(PushContent content);

    /** {@code provider}'s payload for the content is {@code bytes} long (UTF-8); it accepts {@code limit} at most. */
    record PayloadSize(String provider, int bytes, int limit) {
        public boolean tooLarge() {
            return bytes > limit;
        }
    }
}
