package dev.audience.segment;

import java.util.Locale;

/** ok: the last refresh worked; error: it failed (the last good snapshot is kept); pending: never computed. */
public enum SegmentStatus {
    OK, ERROR, PENDING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SegmentStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
