package dev.audience.http.api;

import dev.audience.profile.Profile;
import dev.audience.profile.PushToken;

import java.util.List;
import java.util.Map;

/** A profile on the wire. Times are ISO-8601 UTC strings. */
public record ProfileRepresentation(String userId, String email, String emailStatus, String timezone, String locale,
                                    Map<String, Object> attributes, List<PushTokenRepresentation> pushTokens,
                                    String createdAt, String updatedAt) {

    /** {@code valid} is false once a provider called the token dead ({@code invalidAt}, {@code invalidReason}). */
    public record PushTokenRepresentation(String token, String platform, String createdAt, boolean valid, String invalidAt,
                                          String invalidReason) {
        static PushTokenRepresentation of(PushToken t) {
            return new PushTokenRepresentation(t.token(), t.platform().wireName(), t.createdAt().toString(), t.valid(),
                    t.invalidAt() == null ? null : t.invalidAt().toString(), t.invalidReason());
        }
    }

    public static ProfileRepresentation of(Profile p) {
        return new ProfileRepresentation(p.userId(), p.email(), p.emailStatus().wireName(), p.timezone(), p.locale(),
                p.attributes(), p.pushTokens().stream().map(PushTokenRepresentation::of).toList(),
                p.createdAt().toString(), p.updatedAt().toString());
    }
}
