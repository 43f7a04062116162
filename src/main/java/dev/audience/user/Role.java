package dev.audience.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a console user may do. A viewer reads everything and changes nothing; an editor also changes segments (and
 * later campaigns); an admin also manages console users and API keys. Ordered: each role may do what the ones
 * before it may.
 */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String s) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(s)).findFirst();
    }

    /** True when this role may do what {@code needed} may. */
    public boolean atLeast(Role needed) {
        return compareTo(needed) >= 0;
    }
}
