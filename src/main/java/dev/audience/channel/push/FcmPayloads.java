package dev.audience.channel.push;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.audience.campaign.PushContent;
import dev.audience.campaign.template.RenderedPush;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The FCM HTTP v1 request body ({@code {"message": {...}}}) of a rendered notification for an Android device
 * (shape and option mapping in docs/push.md).
 *
 * <p>Two shapes, because Android shows a notification message by itself only without buttons: with no
 * buttons, a <em>notification message</em> ({@code notification} + {@code android.notification}) that the
 * system shows even when the app is not running; with buttons, a <em>data message</em> whose {@code audience_*}
 * keys carry title, body, image, link, buttons and display options for the app's messaging service to build the
 * notification with its action buttons. Data values are strings in FCM: other JSON values travel as their JSON
 * text.
 */
public final class FcmPayloads {
    /** FCM refuses messages whose payload passes 4,000 bytes; measured here as the message JSON without the token. */
    public static final int MAX_BYTES = 4000;

    private FcmPayloads() {}

    /** The request body for {@code token}, delivered within {@code ttl}. */
    public static String json(String token, RenderedPush p, Duration ttl) {
        ObjectNode body = PushJson.object();
        ObjectNode message = body.putObject("message");
        message.put("token", token);
        message.setAll(message(p, ttl));
        return PushJson.write(body);
    }

    /** How many bytes count against {@link #MAX_BYTES}: the message without its token. */
    public static int size(RenderedPush p, Duration ttl) {
        return PushJson.bytes(PushJson.write(message(p, ttl)));
    }

    private static ObjectNode message(RenderedPush p, Duration ttl) {
        boolean dataOnly = !p.actions().isEmpty();
        PushContent.Android android = p.android() == null
                ? new PushContent.Android(null, null, null, null, null, null, null) : p.android();
        ObjectNode message = PushJson.object();
        if (!dataOnly) {
            ObjectNode notification = message.putObject("notification");
            notification.put("title", p.title());
            notification.put("body", p.body());
            if (p.imageUrl() != null) notification.put("image", p.imageUrl());
        }
        ObjectNode data = PushJson.object();
        for (Map.Entry<String, Object> e : p.data().entrySet()) {
            data.put(e.getKey(), e.getValue() instanceof String s ? s : PushJson.write(e.getValue()));
        }
        if (dataOnly) {
            data.put("audience_title", p.title());
            data.put("audience_body", p.body());
            if (p.imageUrl() != null) data.put("audience_image_url", p.imageUrl());
        }
        if (p.url() != null) data.put("audience_url", p.url());
        if (dataOnly) {
            ArrayNode actions = PushJson.MAPPER.createArrayNode();
            for (PushContent.Action a : p.actions()) {
                actions.addObject().put("id", a.id()).put("label", a.label()).put("url", a.url());
            }
            data.put("audience_actions", PushJson.write(actions));
            putIfPresent(data, "audience_channel_id", android.channelId());
            putIfPresent(data, "audience_color", android.color());
            putIfPresent(data, "audience_icon", android.icon());
            putIfPresent(data, "audience_tag", android.tag());
            putIfPresent(data, "audience_visibility", android.visibility());
        }
        if (!data.isEmpty()) message.set("data", data);
        ObjectNode config = message.putObject("android");
        putIfPresent(config, "collapse_key", android.collapseKey());
        if (android.priority() != null) config.put("priority", android.priority().toUpperCase(Locale.ROOT));
        config.put("ttl", ttl.getSeconds() + "s");
        if (!dataOnly) {
            ObjectNode display = PushJson.object();
            putIfPresent(display, "channel_id", android.channelId());
            putIfPresent(display, "color", android.color());
            putIfPresent(display, "icon", android.icon());
            putIfPresent(display, "tag", android.tag());
            if (android.visibility() != null) display.put("visibility", android.visibility().toUpperCase(Locale.ROOT));
            if (!display.isEmpty()) config.set("notification", display);
        }
        return message;
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) node.put(key, value);
    }
}
