package dev.audience.campaign;

import dev.audience.common.FieldError;
import dev.audience.common.Validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What push content must be before it is saved, each problem named by its field path ({@code imageUrl},
 * {@code actions[3]}, {@code ios.interruptionLevel}, {@code data.orderId}). Liquid syntax is checked by
 * {@code PushTemplates}; the rules here read templates as written, so a URL may contain Liquid after its
 * scheme ({@code https://shop.example/{{ profile.plan }}}) but not in it.
 */
public final class PushContentRules {
    public static final int MAX_ACTIONS = 3;
    public static final int MAX_LABEL = 64;
    public static final int MAX_ID = 64;
    /** APNs refuses a longer apns-collapse-id. */
    public static final int MAX_COLLAPSE_ID_BYTES = 64;
    public static final Set<String> INTERRUPTION_LEVELS = Set.of("passive", "active", "time-sensitive", "critical");
    public static final Set<String> ANDROID_PRIORITIES = Set.of("normal", "high");
    public static final Set<String> ANDROID_VISIBILITIES = Set.of("private", "public", "secret");

    private static final Pattern ACTION_ID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_ID + "}");
    private static final Pattern DATA_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):\\S");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final Set<String> UNSAFE_SCHEMES = Set.of("javascript", "data", "file", "vbscript");
    /** FCM's reserved data keys and the ones the payloads use themselves (see docs/push.md). */
    private static final Set<String> RESERVED_KEYS = Set.of("aps", "audience", "from", "message_type", "notification");
    private static final List<String> RESERVED_PREFIXES = List.of("google", "gcm", "audience_");

    private PushContentRules() {}

    /**
     * Everything wrong with {@code c}, empty when it can be saved. When the fields are valid, {@code limits}
     * (may be null to skip the check) says whether each provider's payload fits; a payload that does not is
     * reported on the field that contributes most to it.
     */
    public static List<FieldError> check(PushContent c, PushPayloadLimits limits) {
        if (c == null) return List.of(new FieldError("content", "is required"));
        Validation v = new Validation();
        v.check(!blank(c.title()), "title", "is required: the first line people see");
        v.check(!blank(c.body()), "body", "is required: the text under the title");
        if (c.imageUrl() != null) imageUrl(v, "imageUrl", c.imageUrl());
        if (c.url() != null) link(v, "url", c.url());
        actions(v, c.actions());
        data(v, c.data());
        if (c.ios() != null) ios(v, c.ios());
        if (c.android() != null) android(v, c.android());
        if (v.ok() && limits != null) sizes(v, c, limits);
        return v.errors();
    }

    private static void imageUrl(Validation v, String field, String url) {
        String rule = "must be an https:// URL of an image (iOS and Android load notification images only over https)";
        if (!url.regionMatches(true, 0, "https://", 0, 8) || url.length() == 8 || Character.isWhitespace(url.charAt(8))) {
            v.add(new FieldError(field, rule));
        } else if (!hasLiquid(url)) {
            v.check(parses(url, true), field, rule);
        }
    }

    /** A web URL or a deep link: any scheme but script and local ones. */
    private static void link(Validation v, String field, String url) {
        String rule = "must be a URL or deep link with a scheme, like https://example.com/offer or myapp://offer/42";
        var scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            v.add(new FieldError(field, rule));
        } else if (UNSAFE_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
            v.add(new FieldError(field, "must not use the " + scheme.group(1) + ": scheme; " + rule));
        } else if (!hasLiquid(url)) {
            v.check(parses(url, false), field, rule);
        }
    }

    private static void actions(Validation v, List<PushContent.Action> actions) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            String at = "actions[" + i + "]";
            if (i >= MAX_ACTIONS) {
                if (i == MAX_ACTIONS) {
                    v.add(new FieldError(at, "is one button too many: a notification shows at most " + MAX_ACTIONS
                            + " action buttons, so remove this one and any after it"));
                }
                continue;
            }
            PushContent.Action a = actions.get(i);
            if (a == null) {
                v.add(new FieldError(at, "must be an object with id, label and url"));
                continue;
            }
            if (a.id() == null || !ACTION_ID.matcher(a.id()).matches()) {
                v.add(new FieldError(at + ".id", "is required: 1 to " + MAX_ID + " of letters, digits, '_', '-', '.'"));
            } else {
                Integer first = ids.putIfAbsent(a.id(), i);
                v.check(first == null, at + ".id", "repeats the id of actions[" + first + "]: each button needs its own");
            }
            v.check(!blank(a.label()) && a.label().length() <= MAX_LABEL, at + ".label",
                    "is required: the button text, at most " + MAX_LABEL + " characters");
            if (blank(a.url())) {
                v.add(new FieldError(at + ".url", "is required: the URL or deep link the button opens"));
            } else {
                link(v, at + ".url", a.url());
            }
        }
    }

    private static void data(Validation v, Map<String, Object> data) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            String key = e.getKey();
            String at = "data." + key;
            if (key == null || !DATA_KEY.matcher(key).matches()) {
                v.add(new FieldError(key == null ? "data" : at, "keys must start with a letter and have at most 64 of"
                        + " letters, digits, '_', '-', '.'"));
            } else if (reserved(key)) {
                v.add(new FieldError(at, "is a reserved key (aps, audience, from, message_type, notification, and keys"
                        + " starting with google, gcm or audience_): pick another name"));
            }
            if (key != null && e.getValue() == null) v.add(new FieldError(at, "must not be null: leave the key out instead"));
        }
    }

    private static void ios(Validation v, PushContent.Ios ios) {
        optionalText(v, "ios.sound", ios.sound(), 256, "a sound file in the app bundle, or \"default\"");
        v.check(ios.badge() == null || ios.badge() >= 0, "ios.badge", "must be 0 (clears the badge) or more");
        optionalText(v, "ios.category", ios.category(), 256, "a notification category the app registers");
        optionalText(v, "ios.threadId", ios.threadId(), 256, "groups notifications in Notification Center");
        v.check(ios.interruptionLevel() == null || INTERRUPTION_LEVELS.contains(ios.interruptionLevel()),
                "ios.interruptionLevel", "must be one of passive, active, time-sensitive, critical");
        v.check(ios.relevanceScore() == null || (ios.relevanceScore() >= 0 && ios.relevanceScore() <= 1),
                "ios.relevanceScore", "must be a number from 0 to 1");
        if (ios.collapseId() != null) {
            v.check(!ios.collapseId().isBlank() && ios.collapseId().getBytes(StandardCharsets.UTF_8).length
                    <= MAX_COLLAPSE_ID_BYTES, "ios.collapseId", "must be 1 to " + MAX_COLLAPSE_ID_BYTES + " bytes");
        }
    }

    private static void android(Validation v, PushContent.Android a) {
        optionalText(v, "android.channelId", a.channelId(), 256, "a notification channel the app creates");
        v.check(a.priority() == null || ANDROID_PRIORITIES.contains(a.priority()), "android.priority",
                "must be normal or high");
        v.check(a.color() == null || COLOR.matcher(a.color()).matches(), "android.color", "must be a colour like #ff6600");
        v.check(a.icon() == null || RESOURCE_NAME.matcher(a.icon()).matches(), "android.icon",
                "must be a drawable resource name like ic_notification (a-z, 0-9, '_')");
        optionalText(v, "android.tag", a.tag(), 256, "replaces a shown notification with the same tag");
        v.check(a.visibility() == null || ANDROID_VISIBILITIES.contains(a.visibility()), "android.visibility",
                "must be private, public or secret");
        optionalText(v, "android.collapseKey", a.collapseKey(), 256, "replaces an undelivered message with the same key");
    }

    private static void sizes(Validation v, PushContent c, PushPayloadLimits limits) {
        for (PushPayloadLimits.PayloadSize s : limits.sizes(c)) {
            if (!s.tooLarge()) continue;
            v.add(new FieldError(largestPart(c), String.format(Locale.ROOT, "makes the %s payload %,d bytes with the"
                    + " templates as written; %s accepts at most %,d: shorten it", s.provider(), s.bytes(),
                    s.provider(), s.limit())));
        }
    }

    /** The field that adds most bytes to the payloads: the one to shorten. */
    static String largestPart(PushContent c) {
        Map<String, Integer> parts = new HashMap<>();
        parts.put("title", bytes(c.title()));
        parts.put("body", bytes(c.body()));
        parts.put("imageUrl", bytes(c.imageUrl()));
        parts.put("url", bytes(c.url()));
        for (int i = 0; i < c.actions().size(); i++) {
            PushContent.Action a = c.actions().get(i);
            parts.put("actions[" + i + "]", bytes(a.id()) + bytes(a.label()) + bytes(a.url()));
        }
        c.data().forEach((k, val) -> parts.put("data." + k, bytes(k) + bytes(String.valueOf(val))));
        return parts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
    }

    private static void optionalText(Validation v, String field, String value, int max, String what) {
        v.check(value == null || (!value.isBlank() && value.length() <= max), field,
                "must be 1 to " + max + " characters (" + what + ")");
    }

    private static boolean reserved(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return RESERVED_KEYS.contains(k) || RESERVED_PREFIXES.stream().anyMatch(k::startsWith);
    }

    /** True when {@code url}, already rendered, is an https URL with a host: what {@code imageUrl} must render to. */
    public static boolean validImageUrl(String url) {
        return url.regionMatches(true, 0, "https://", 0, 8) && parses(url, true);
    }

    /** True when {@code link}, already rendered, is a URL or deep link that a button or a tap may open. */
    public static boolean validLink(String link) {
        var scheme = SCHEME.matcher(link);
        return scheme.find() && !UNSAFE_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT)) && parses(link, false);
    }

    private static boolean parses(String url, boolean needsHost) {
        try {
            URI u = new URI(url);
            return u.isAbsolute() && (!needsHost || (u.getHost() != null && !u.getHost().isEmpty()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean hasLiquid(String s) {
        return s.contains("{{") || s.contains("{%");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
