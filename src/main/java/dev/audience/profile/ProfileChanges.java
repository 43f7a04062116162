package dev.audience.profile;

import dev.audience.common.Change;

import java.util.Map;
import java.util.Objects;

/**
 * A create-or-update request for one profile. Attributes are a merge patch: a key with a null value
 * removes that attribute, others are set; keys not named are kept. {@code emailStatus} cannot be cleared.
 */
public record ProfileChanges(Change<String> email, Change<EmailStatus> emailStatus, Change<String> timezone,
                             Change<String> locale, Map<String, Object> attributes) {
    public ProfileChanges {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(emailStatus, "emailStatus");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(attributes, "attributes");
        if (emailStatus.present() && emailStatus.value() == null) {
            throw new IllegalArgumentException("emailStatus can be changed but not cleared");
        }
    }

    public static ProfileChanges none() {
        return new ProfileChanges(Change.absent(), Change.absent(), Change.absent(), Change.absent(), Map.of());
    }
}
