package dev.audience.segment.lang;

import dev.audience.common.Timestamps;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A date ({@code 2026-01-31}, midnight UTC) or an ISO-8601 time with offset, as written in either form.
 * Whether it was a bare date matters at the end of a {@code between} window, which then takes in the
 * whole day: text and JSON share this class so that they agree on it.
 */
record TimeLiteral(Instant instant, boolean dateOnly) {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Duration DAY = Duration.ofDays(1);

    /** The date or time written in {@code s}, or empty when it is neither. */
    static Optional<TimeLiteral> parse(String s) {
        try {
            if (DATE.matcher(s).matches()) {
                return Optional.of(new TimeLiteral(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant(), true));
            }
            if (s.length() > 10 && DATE.matcher(s.substring(0, 10)).matches()) {
                return Optional.of(new TimeLiteral(Timestamps.parse(s), false));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The end of a window that ends here: a date includes all of its day. */
    Instant endExclusive() {
        return dateOnly ? instant.plus(DAY) : instant;
    }

    /** True when {@code t} is midnight UTC, which is written as a bare date. */
    static boolean isMidnight(Instant t) {
        return t.getEpochSecond() % 86_400 == 0 && t.getNano() == 0;
    }

    /** {@code 2026-01-31} for midnight UTC, else the ISO-8601 time in UTC ({@code 2026-01-31T10:00:00Z}). */
    static String format(Instant t) {
        return isMidnight(t) ? LocalDate.ofInstant(t, ZoneOffset.UTC).toString() : t.toString();
    }

    /** The last day a window ending (exclusive) at midnight {@code to} includes. */
    static String lastDay(Instant to) {
        return format(to.minus(DAY));
    }

    static String expectation() {
        return "a date (2026-01-31) or an ISO-8601 time with offset (2026-01-31T10:00:00Z)";
    }
}
