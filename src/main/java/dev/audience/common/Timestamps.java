package dev.audience.common;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 times with an offset, such as {@code 2026-11-29T10:15:00.123Z} or {@code ...+02:00}.
 * The common shape is read by hand (java.time's parser was a tenth of the event ingest profile);
 * anything else goes through {@link OffsetDateTime#parse}, which decides what is valid.
 */
public final class Timestamps {
    private Timestamps() {}

    /** @throws DateTimeException when the text is not an ISO-8601 time with offset */
    public static Instant parse(String s) {
        Instant fast = fastPath(s);
        if (fast != null) return fast;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new DateTimeException("not an ISO-8601 time with offset: " + s, e);
        }
    }

    private static Instant fastPath(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || hour < 0
                || minute < 0 || second < 0) {
            return null;
        }
        int i = 19, nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) i++;
            int len = i - start;
            if (len == 0 || len > 9) return null;
            nanos = digits(s, start, len);
            for (int k = len; k < 9; k++) nanos *= 10;
        }
        if (i >= n) return null;
        int offset;
        char z = s.charAt(i);
        if (z == 'Z' && i == n - 1) {
            offset = 0;
        } else if ((z == '+' || z == '-') && n - i == 6 && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) return null;
            offset = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: let the full parser word the error
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset, nanos);
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
