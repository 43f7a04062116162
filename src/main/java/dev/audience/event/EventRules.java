package dev.audience.event;

import dev.audience.common.Text;
import dev.audience.common.Validation;
import dev.audience.profile.ProfileRules;

import java.time.Duration;
import java.time.Instant;

/** The rules an incoming event must follow. */
public final class EventRules {
    public static final int MAX_BATCH = 10_000;
    public static final int MAX_MESSAGE_ID = 255;
    public static final int MAX_PROPERTIES = 200;
    /** Clocks drift; a timestamp further ahead than this is a client bug, not an event. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofHours(24);

    private EventRules() {}

    public static void check(Validation v, IncomingEvent e, Instant now) {
        ProfileRules.checkUserId(v, "userId", e.userId());
        if (e.name() == null) v.check(false, "name", "is required");
        else v.check(validName(e.name()), "name",
                "must start with a letter or '$' and have at most 128 letters, digits, '_', '.', ':' or '-'");
        if (e.timestamp() != null) {
            v.check(!e.timestamp().isAfter(now.plus(MAX_FUTURE_SKEW)), "timestamp",
                    "must not be more than 24 hours in the future");
            v.check(e.timestamp().isAfter(Instant.EPOCH), "timestamp", "must be after 1970");
        }
        if (e.messageId() != null) {
            v.check(!e.messageId().isEmpty() && e.messageId().length() <= MAX_MESSAGE_ID
                    && Text.printable(e.messageId()), "messageId", "must be 1 to 255 printable characters");
        }
        EventProperties props = e.properties();
        if (props != null) {
            v.check(props.names().size() <= MAX_PROPERTIES, "properties", "at most " + MAX_PROPERTIES + " properties");
            for (String k : props.names()) {
                if (k.isEmpty() || k.length() > 128 || !Text.printable(k)) {
                    v.check(false, "properties", "property names must be 1 to 128 printable characters");
                    break;
                }
            }
        }
    }

    /** A letter or '$', then up to 127 letters, digits, '_', '.', ':' or '-' (a loop: this runs per event). */
    public static boolean validName(String n) {
        if (n.isEmpty() || n.length() > 128) return false;
        char first = n.charAt(0);
        if (!(isAsciiLetter(first) || first == '$')) return false;
        for (int i = 1; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-')) return false;
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
