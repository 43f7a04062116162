package dev.audience.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The push platform a device token belongs to. */
public enum Platform {
    IOS, ANDROID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Platform> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
    }
}
