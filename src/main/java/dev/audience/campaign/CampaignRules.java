package dev.audience.campaign;

import dev.audience.common.Validation;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** What a campaign must be before it is saved. Template syntax is checked by EmailTemplates. */
final class CampaignRules {
    static final int MAX_TEST_RECIPIENTS = 50;
    /** How long a banner test stays visible to its segment. */
    static final int BANNER_TEST_HOURS = 1;

    private CampaignRules() {}

    static final int MAX_NAME = 200;

    static void name(Validation v, String name) {
        v.check(name != null && !name.isBlank() && name.length() <= MAX_NAME, "name", "is required, at most " + MAX_NAME
                + " characters");
    }

    static void channel(Validation v, String channel) {
        v.check(Campaign.EMAIL.equals(channel) || Campaign.BANNER.equals(channel) || Campaign.PUSH.equals(channel),
                "channel", "must be email, push or banner");
    }

    static void segments(Validation v, List<String> included, List<String> excluded, Predicate<String> exists) {
        v.check(included != null && !included.isEmpty(), "segments", "must name at least one segment");
        if (included != null) {
            for (int i = 0; i < included.size(); i++) {
                v.check(exists.test(included.get(i)), "segments[" + i + "]", "no segment with key \"" + included.get(i) + "\"");
            }
        }
        if (excluded != null) {
            for (int i = 0; i < excluded.size(); i++) {
                v.check(exists.test(excluded.get(i)), "excludeSegments[" + i + "]",
                        "no segment with key \"" + excluded.get(i) + "\"");
            }
        }
    }

    static void expiry(Validation v, Instant expiresAt, Instant now) {
        v.check(expiresAt == null || expiresAt.isAfter(now), "expiresAt", "must be in the future");
    }
}
