package dev.audience.channel.push;

import dev.audience.campaign.PushContent;
import dev.audience.campaign.PushPayloadLimits;
import dev.audience.campaign.template.RenderedPush;

import java.util.List;

/**
 * The real APNs and FCM payloads of some content, with its templates as written, measured against each
 * provider's limit. Rendering may make a payload longer or shorter; the senders measure again per recipient.
 */
public final class PushPayloadSizes implements PushPayloadLimits {
    @Override
    public List<PayloadSize> sizes(PushContent content) {
        RenderedPush asWritten = RenderedPush.asWritten(content);
        return List.of(new PayloadSize("APNs", PushJson.bytes(ApnsPayloads.json(asWritten)), ApnsPayloads.MAX_BYTES),
                new PayloadSize("FCM", FcmPayloads.size(asWritten, PushExpiry.DEFAULT_LIFETIME), FcmPayloads.MAX_BYTES));
    }
}
