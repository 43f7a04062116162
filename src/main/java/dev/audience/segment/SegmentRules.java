package dev.audience.segment;

import dev.audience.common.Text;
import dev.audience.common.Validation;

/** What a segment's key, name and description must be. */
public final class SegmentRules {
    private SegmentRules() {}

    public static void checkKey(Validation v, String key) {
        v.check(Text.isKey(key), "key",
                "must be 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit");
    }

    public static void checkName(Validation v, String name) {
        v.check(name != null && !name.isBlank() && name.length() <= 200, "name", "is required, at most 200 characters");
    }

    public static void checkDescription(Validation v, String description) {
        v.check(description == null || description.length() <= 2000, "description", "must be at most 2000 characters");
    }
}
