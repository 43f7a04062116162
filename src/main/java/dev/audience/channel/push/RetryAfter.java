package dev.audience.channel.push;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP Retry-After header: delay-seconds ({@code 120}) or an HTTP date, counted from {@code now}. */
public final class RetryAfter {
    private RetryAfter() {}

    /** The wait the header asks for (zero for a date already past); empty when absent or unreadable. */
    public static Optional<Duration> parse(Optional<String> header, Instant now) {
        if (header.isEmpty()) return Optional.empty();
        String v = header.get().strip();
        if (v.matches("\\d{1,10}")) return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
