package dev.audience.http.console;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A moment as a person gives it: a date, a time of day and a time zone (the browser's date and time inputs send
 * {@code 2026-11-03} and {@code 09:00}), turned into an instant on the server. A local time that does not exist in
 * that zone (the hour skipped when the clocks go forward) is an error at the time field, not silently moved.
 */
final class SendTime {
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") || z.equals("UTC"))
            .sorted().toList();

    private SendTime() {}

    /** The zone in {@code field}, or null with an error on the form. */
    static ZoneId zone(Form form, String field) {
        String text = form.value(field);
        if (text.isEmpty()) {
            form.error(field, "is required: a time zone such as Europe/Paris, America/New_York or UTC");
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            form.error(field, "is not a time zone; use a name such as Europe/Paris, America/New_York or UTC");
            return null;
        }
    }

    /**
     * The instant that {@code dateField} and {@code timeField} name in {@code zone}; null with an error on the form
     * when one is missing or wrong, or when {@code zone} is null (its own error is already there).
     */
    static Instant instant(Form form, String dateField, String timeField, ZoneId zone) {
        LocalDate date = parse(form, dateField, "a date like 2026-11-03", LocalDate::parse);
        LocalTime time = parse(form, timeField, "a time like 09:30", LocalTime::parse);
        if (date == null || time == null || zone == null) return null;
        LocalDateTime local = LocalDateTime.of(date, time);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            form.error(timeField, "does not exist in " + zone.getId() + " on " + date
                    + " (the clocks go forward then); pick another time");
            return null;
        }
        return local.atZone(zone).toInstant();
    }

    private static <T> T parse(Form form, String field, String example, java.util.function.Function<String, T> parser) {
        String text = form.value(field);
        if (text.isEmpty()) {
            form.error(field, "is required: " + example);
            return null;
        }
        try {
            return parser.apply(text);
        } catch (DateTimeParseException e) {
            form.error(field, "must be " + example);
            return null;
        }
    }
}
