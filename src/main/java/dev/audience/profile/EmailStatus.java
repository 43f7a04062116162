package dev.audience.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Whether email may be sent to a profile's address. New profiles are {@code subscribed}. */
public enum EmailStatus {
    SUBSCRIBED, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EmailStatus> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(EmailStatus::wireName).collect(Collectors.joining(", "));
    }
}
