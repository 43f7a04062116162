package dev.audience.segment.lang;

import dev.audience.common.Text;
import dev.audience.profile.ProfileRules;

/**
 * The limits on names, counts and windows: names as the ingest API accepts them (a definition naming an
 * event that can never be stored is a typo), counts and windows that can match someone and that the event
 * store can answer. Each method returns the problem in words, or null.
 */
final class ClauseRules {
    static final long MAX_COUNT = 1_000_000;
    static final long MAX_WINDOW_DAYS = 3650;
    static final int MAX_PROPERTY_NAME = 128;
    private static final int MAX_EVENT_NAME = 128;

    private ClauseRules() {}

    static String eventNameProblem(String event) {
        if (validEventName(event)) return null;
        return "event name \"" + event + "\" is not valid: event names start with a letter or '$' and have at most "
                + MAX_EVENT_NAME + " letters, digits, '_', '.', ':' or '-'";
    }

    /** The rule of {@code dev.audience.event.EventRules}: a letter or '$', then up to 127 of {@code [A-Za-z0-9_.:-]}. */
    static boolean validEventName(String n) {
        if (n.isEmpty() || n.length() > MAX_EVENT_NAME) return false;
        char first = n.charAt(0);
        if (!(isAsciiLetter(first) || first == '$')) return false;
        for (int k = 1; k < n.length(); k++) {
            char c = n.charAt(k);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-')) return false;
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static String propertyNameProblem(String name) {
        if (!name.isEmpty() && name.length() <= MAX_PROPERTY_NAME && Text.printable(name)) return null;
        return "property names are 1 to " + MAX_PROPERTY_NAME + " printable characters, found \"" + name + "\"";
    }

    static String attributeNameProblem(String name) {
        if (!name.isEmpty() && name.length() <= ProfileRules.MAX_ATTRIBUTE_NAME && Text.printable(name)) return null;
        return "attribute names are 1 to " + ProfileRules.MAX_ATTRIBUTE_NAME + " printable characters, found \"" + name + "\"";
    }

    static String countProblem(Count count) {
        String written = "'" + TextRenderer.count(count) + "'";
        if (count.n() < 0) return written + ": a count cannot be negative";
        if (count.kind() == Count.Kind.AT_LEAST && count.n() == 0) {
            return written + " is always true (everyone did it at least 0 times): use at least 1, "
                    + "or 'did not' for people who never did it";
        }
        if (count.n() > MAX_COUNT) return written + " is more than the largest count, 1,000,000";
        return null;
    }

    static String windowProblem(Window window) {
        String written = "'" + TextRenderer.window(window) + "'";
        return switch (window) {
            case Window.Ever ever -> null;
            case Window.Last last -> {
                if (last.amount() < 1) yield written + " is an empty window: use 1 or more";
                if (last.amount() > MAX_WINDOW_DAYS * 86_400 / last.unit().seconds()) {
                    yield written + " is longer than the longest window, " + MAX_WINDOW_DAYS + " days (about 10 years)";
                }
                yield null;
            }
            case Window.Between between -> {
                if (between.from().isBefore(between.to())) yield null;
                boolean sameInstant = between.from().equals(between.to()) && !TimeLiteral.isMidnight(between.to());
                yield "impossible window: " + written + (sameInstant ? " is empty" : " ends before it starts");
            }
        };
    }
}
