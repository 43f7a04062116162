package dev.audience.channel.push;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.audience.campaign.PushContent;
import dev.audience.campaign.template.RenderedPush;

import java.util.Map;

/**
 * The APNs JSON payload of a rendered notification (shape and option mapping in docs/push.md):
 * {@code aps} carries the alert and the iOS options, {@code audience} the image, link and buttons for the app's
 * Notification Service Extension, and the custom data sits at the top level where apps read it from
 * {@code userInfo}. {@code mutable-content} is set when there is an image or a button, so the extension runs to
 * download the image and register the buttons.
 */
public final class ApnsPayloads {
    /** APNs refuses larger payloads of ordinary (non-VoIP) notifications with PayloadTooLarge. */
    public static final int MAX_BYTES = 4096;

    private ApnsPayloads() {}

    public static String json(RenderedPush p) {
        ObjectNode root = PushJson.object();
        ObjectNode aps = root.putObject("aps");
        ObjectNode alert = aps.putObject("alert");
        alert.put("title", p.title());
        alert.put("body", p.body());
        PushContent.Ios ios = p.ios();
        if (ios != null) {
            if (ios.sound() != null) aps.put("sound", ios.sound());
            if (ios.badge() != null) aps.put("badge", ios.badge());
            if (ios.category() != null) aps.put("category", ios.category());
            if (ios.threadId() != null) aps.put("thread-id", ios.threadId());
            if (ios.interruptionLevel() != null) aps.put("interruption-level", ios.interruptionLevel());
            if (ios.relevanceScore() != null) aps.put("relevance-score", ios.relevanceScore());
        }
        if (p.imageUrl() != null || !p.actions().isEmpty()) aps.put("mutable-content", 1);
        ObjectNode audience = PushJson.object();
        if (p.imageUrl() != null) audience.put("imageUrl", p.imageUrl());
        if (p.url() != null) audience.put("url", p.url());
        if (!p.actions().isEmpty()) {
            ArrayNode actions = audience.putArray("actions");
            for (PushContent.Action a : p.actions()) {
                actions.addObject().put("id", a.id()).put("label", a.label()).put("url", a.url());
            }
        }
        if (!audience.isEmpty()) root.set("audience", audience);
        for (Map.Entry<String, Object> e : p.data().entrySet()) root.set(e.getKey(), PushJson.tree(e.getValue()));
        return PushJson.write(root);
    }
}
