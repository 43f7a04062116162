package dev.audience.http.api;

import dev.audience.profile.Profile;
import dev.audience.profile.PushToken;

import java.util.List;
import java.util.Map;

/** A profile on the wire. Times are ISO-8601 UTC strings. */
public record ProfileRepresentation(String userId, String email, String emailStatus, String timezone, String locale,
                                    Map<String, Object> attributes, List<PushTokenRepresentation> pushTokens,
                                    String createdAt, String updatedAt) {

    public record PushTokenRepresentation(String token, String platform, String createdAt) {
        static PushTokenRepresentation of(PushToken t) {
            return new PushTokenRepresentation(t.token(), t.platform().wireName(), t.createdAt().toString());
        }
    }

    public static ProfileRepresentation of(Profile p) {
        return new ProfileRepresentation(p.userId(), p.email(), p.emailStatus().wireName(), p.timezone(), p.locale(),
                p.attributes(), p.pushTokens().stream().map(PushTokenRepresentation::of).toList(),
                p.createdAt().toString(), p.updatedAt().toString());
    }
}
