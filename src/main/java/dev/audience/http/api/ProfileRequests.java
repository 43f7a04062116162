package dev.audience.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.common.FieldError;
import dev.audience.http.JsonFields;
import dev.audience.common.Change;
import dev.audience.profile.EmailStatus;
import dev.audience.profile.ProfileChanges;

import java.util.List;
import java.util.Set;

/** Turns a profile JSON body into ProfileChanges, or the list of what is wrong with its shape. */
final class ProfileRequests {
    static final Set<String> FIELDS = Set.of("userId", "email", "emailStatus", "timezone", "locale", "attributes");

    private ProfileRequests() {}

    record Parsed(String userId, ProfileChanges changes, List<FieldError> errors) {}

    static Parsed parse(JsonNode body) {
        JsonFields f = JsonFields.of(body, FIELDS);
        String userId = f.string("userId", false);
        Change<String> email = f.nullableString("email");
        Change<String> timezone = f.nullableString("timezone");
        Change<String> locale = f.nullableString("locale");
        Change<EmailStatus> status = Change.absent();
        if (f.has("emailStatus")) {
            String s = f.string("emailStatus", true);
            if (s != null) {
                var parsed = EmailStatus.fromWire(s);
                if (parsed.isPresent()) status = Change.to(parsed.get());
                else f.errors().add(new FieldError("emailStatus", "must be one of " + EmailStatus.allowed()));
            }
        }
        var attributes = f.object("attributes");
        if (!f.ok()) return new Parsed(userId, null, f.errors());
        return new Parsed(userId, new ProfileChanges(email, status, timezone, locale, attributes), List.of());
    }
}
