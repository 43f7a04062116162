package dev.audience.segment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Static: members edited by hand or import. Dynamic: computed from a definition. Everyone: every live profile. */
public enum SegmentType {
    STATIC, DYNAMIC, EVERYONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SegmentType> fromWire(String s) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(s)).findFirst();
    }
}
