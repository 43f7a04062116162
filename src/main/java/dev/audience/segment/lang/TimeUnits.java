package dev.audience.segment.lang;

import java.util.Locale;
import java.util.Optional;

/** The words for {@link Window.TimeUnit}, singular or plural, shared by the text and JSON forms. */
final class TimeUnits {
    static final String ALLOWED = "minutes, hours, days or weeks";

    private TimeUnits() {}

    static Optional<Window.TimeUnit> fromWord(String word) {
        return Optional.ofNullable(switch (word.toLowerCase(Locale.ROOT)) {
            case "minute", "minutes" -> Window.TimeUnit.MINUTES;
            case "hour", "hours" -> Window.TimeUnit.HOURS;
            case "day", "days" -> Window.TimeUnit.DAYS;
            case "week", "weeks" -> Window.TimeUnit.WEEKS;
            default -> null;
        });
    }

    /** {@code days}, or {@code day} when {@code amount} is 1. */
    static String word(Window.TimeUnit unit, long amount) {
        String plural = unit.name().toLowerCase(Locale.ROOT);
        return amount == 1 ? plural.substring(0, plural.length() - 1) : plural;
    }
}
