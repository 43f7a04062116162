package dev.audience.campaign.template;

import dev.audience.profile.Profile;

import java.util.HashMap;
import java.util.Map;

/**
 * The variables a campaign template sees for one recipient.
 *
 * <p>{@code profile} holds {@code user_id}, {@code email}, {@code email_status}, {@code timezone}, {@code locale},
 * {@code created_at} (ISO-8601, so the {@code date} filter reads it) and every attribute at the same level, so
 * {@code {{ profile.first_name }}} works; {@code profile.attributes} is the attribute map itself. When an
 * attribute shares a name with a built-in field, the built-in field wins: an attribute cannot pass itself off
 * as the address or status the server keeps. The caller's {@code extra} ({@code unsubscribe_url},
 * {@code campaign}...) sits at the top level; it cannot replace {@code profile}.
 */
final class TemplateVariables {
    private TemplateVariables() {}

    /** A new mutable map per call: rendering may add variables to it ({@code assign}). */
    static Map<String, Object> of(Profile profile, Map<String, ?> extra) {
        Map<String, Object> vars = new HashMap<>(extra);
        vars.put("profile", profileMap(profile));
        return vars;
    }

    private static Map<String, Object> profileMap(Profile p) {
        Map<String, Object> map = new HashMap<>(p.attributes());
        map.put("user_id", p.userId());
        map.put("email", p.email());
        map.put("email_status", p.emailStatus().wireName());
        map.put("timezone", p.timezone());
        map.put("locale", p.locale());
        map.put("created_at", p.createdAt().toString());
        map.put("attributes", p.attributes());
        return map;
    }
}
