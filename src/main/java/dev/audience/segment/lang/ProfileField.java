package dev.audience.segment.lang;

import java.util.Objects;
import java.util.Set;

/**
 * A profile field: one of the built-in fields, or an attribute by name. In text, an attribute whose
 * name is a built-in field's is written {@code attributes.email}.
 */
public record ProfileField(String name, boolean attribute) {
    /** Built-in fields, as written in definitions. */
    public static final Set<String> BUILT_IN = Set.of("user_id", "email", "email_status", "timezone", "locale",
            "created_at", "updated_at");
    /** Built-in fields that hold a time (they take windows and time comparisons). */
    public static final Set<String> TIMES = Set.of("created_at", "updated_at");

    public ProfileField {
        Objects.requireNonNull(name, "name");
        if (!attribute && !BUILT_IN.contains(name)) throw new IllegalArgumentException("not a built-in field: " + name);
    }

    public static ProfileField builtIn(String name) {
        return new ProfileField(name, false);
    }

    public static ProfileField attribute(String name) {
        return new ProfileField(name, true);
    }

    public boolean isTime() {
        return !attribute && TIMES.contains(name);
    }
}
