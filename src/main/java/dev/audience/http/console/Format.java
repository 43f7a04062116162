package dev.audience.http.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the templates show values: times in UTC to the minute, counts with separators, text in URLs. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Format() {}

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** "2026-11-03 09:00 Europe/Paris": a time shown in the zone it was given in. */
    public static String timeIn(Instant t, ZoneId zone) {
        return t == null ? "—" : LOCAL.format(t.atZone(zone)) + " " + zone.getId();
    }

    /** "42.5%" (one decimal at most) for a share from 0 to 1. */
    public static String percent(double share) {
        double p = Math.round(share * 1000) / 10.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    public static String day(Instant t) {
        return t == null ? "" : DAY.format(t);
    }

    /** Machine-readable time for {@code <time datetime>}. */
    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Text as one query-string value. */
    public static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** "45 seconds", "12 minutes", "3 hours" (rounded up). */
    public static String duration(long seconds) {
        if (seconds < 60) return plural(seconds, "second", "seconds");
        if (seconds < 3600) return plural((seconds + 59) / 60, "minute", "minutes");
        return plural((seconds + 3599) / 3600, "hour", "hours");
    }

    /** "1 profile", "2 profiles". */
    public static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }
}
