package dev.audience.campaign.template;

import dev.audience.campaign.PushContent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recipient's push notification after personalisation: what the payload builders turn into APNs and FCM
 * JSON. {@code imageUrl} and {@code url} are null when absent (or when they rendered empty); {@code ios} and
 * {@code android} are the content's options, unchanged (null when not given).
 */
public record RenderedPush(String title, String body, String imageUrl, String url, List<PushContent.Action> actions,
                           Map<String, Object> data, PushContent.Ios ios, PushContent.Android android) {
    public RenderedPush {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        actions = List.copyOf(actions);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * {@code c} with its templates taken as written, not rendered: what the payloads look like before anyone's
     * values go in, for checking their size when the content is saved.
     */
    public static RenderedPush asWritten(PushContent c) {
        return new RenderedPush(c.title(), c.body(), c.imageUrl(), c.url(), new ArrayList<>(c.actions()), c.data(),
                c.ios(), c.android());
    }
}
