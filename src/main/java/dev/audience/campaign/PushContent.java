package dev.audience.campaign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A push campaign's content. {@code title}, {@code body}, {@code imageUrl}, {@code url}, each action's
 * {@code label} and {@code url}, and the string values in {@code data} are Liquid templates rendered per
 * recipient; the iOS and Android options are sent as written.
 *
 * <p>Optional parts are null ({@code imageUrl}, {@code url}, {@code ios}, {@code android}, and any option);
 * {@code actions} and {@code data} are never null (empty when absent) and keep their order. Nothing is checked
 * here so that {@link PushContentRules} can name every bad field at once: the constructor only copies.
 *
 * @param url    opened when the notification is tapped: a web URL or a deep link such as {@code myapp://offer/42}
 * @param data   custom key/value pairs handed to the app (any JSON; strings are templates)
 */
public record PushContent(String title, String body, String imageUrl, String url, List<Action> actions,
                          Map<String, Object> data, Ios ios, Android android) implements CampaignContent {

    public PushContent {
        // not List.copyOf / Map.copyOf: they refuse nulls, which the rules report by field instead
        actions = actions == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(actions));
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Title and body only. */
    public static PushContent of(String title, String body) {
        return new PushContent(title, body, null, null, List.of(), Map.of(), null, null);
    }

    /** An action button: {@code label} is shown, {@code url} (web URL or deep link) is opened, {@code id} reported. */
    public record Action(String id, String label, String url) {}

    /**
     * iOS options (APNs). {@code interruptionLevel} is passive, active, time-sensitive or critical;
     * {@code relevanceScore} is 0 to 1; {@code collapseId} replaces an earlier notification with the same id.
     */
    public record Ios(String sound, Integer badge, String category, String threadId, String interruptionLevel,
                      Double relevanceScore, String collapseId) {}

    /**
     * Android options (FCM). {@code priority} is normal or high; {@code color} is {@code #rrggbb}; {@code icon} a
     * drawable resource name; {@code visibility} private, public or secret; {@code collapseKey} replaces an
     * undelivered message with the same key.
     */
    public record Android(String channelId, String priority, String color, String icon, String tag, String visibility,
                          String collapseKey) {}
}
