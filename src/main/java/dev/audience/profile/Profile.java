package dev.audience.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a user is. {@code ordinal} is a dense integer given at creation and never reused: segments are
 * bitmaps of ordinals. {@code email}, {@code timezone} and {@code locale} may be null (not known).
 * {@code version} counts updates and guards concurrent writers.
 */
public record Profile(int ordinal, String userId, String email, EmailStatus emailStatus, String timezone,
                      String locale, Map<String, Object> attributes, List<PushToken> pushTokens,
                      Instant createdAt, Instant updatedAt, long version) {
    public Profile {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(emailStatus, "emailStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        attributes = Attributes.copyOf(attributes);
        pushTokens = List.copyOf(pushTokens);
    }

    public Profile withPushTokens(List<PushToken> tokens) {
        return new Profile(ordinal, userId, email, emailStatus, timezone, locale, attributes, tokens, createdAt,
                updatedAt, version);
    }

    /** This profile with the changes applied (attributes merged), stamped at {@code now}. */
    public Profile apply(ProfileChanges c, Instant now) {
        return new Profile(ordinal, userId,
                c.email().orElse(email),
                c.emailStatus().orElse(emailStatus),
                c.timezone().orElse(timezone),
                c.locale().orElse(locale),
                Attributes.merge(attributes, c.attributes()),
                pushTokens, createdAt, now, version + 1);
    }
}
