package dev.audience.profile;

import dev.audience.common.Text;
import dev.audience.common.Validation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules a profile's fields must follow, each with a message that states it. */
public final class ProfileRules {
    public static final int MAX_USER_ID = 255;
    public static final int MAX_ATTRIBUTES = 200;
    public static final int MAX_ATTRIBUTE_NAME = 128;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern PUSH_TOKEN = Pattern.compile("^[A-Za-z0-9_:\\-.]{16,4096}$");

    private ProfileRules() {}

    public static void checkUserId(Validation v, String field, String userId) {
        if (userId == null || userId.isEmpty()) {
            v.check(false, field, "is required");
            return;
        }
        v.check(userId.length() <= MAX_USER_ID, field, "must be at most " + MAX_USER_ID + " characters")
                .check(Text.printable(userId) && userId.strip().equals(userId), field,
                        "must not contain control characters or leading/trailing spaces");
    }

    public static boolean validEmail(String email) {
        return email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    public static void checkChanges(Validation v, ProfileChanges c) {
        String email = c.email().value();
        if (email != null) v.check(validEmail(email), "email", "must be an email address like name@example.com");
        String tz = c.timezone().value();
        if (tz != null) v.check(validZone(tz), "timezone", "must be an IANA time zone such as Europe/Paris or UTC");
        String locale = c.locale().value();
        if (locale != null) v.check(validLocale(locale), "locale", "must be a BCP 47 language tag such as en or pt-BR");
        for (Map.Entry<String, Object> a : c.attributes().entrySet()) {
            String k = a.getKey();
            v.check(!k.isEmpty() && k.length() <= MAX_ATTRIBUTE_NAME && Text.printable(k), "attributes",
                    "attribute names must be 1 to " + MAX_ATTRIBUTE_NAME + " printable characters");
            v.check(finiteNumbers(a.getValue()), "attributes." + k,
                    "numbers must fit a 64-bit float (magnitude at most 1.7976931348623157E308)");
        }
    }

    /** True when every number in the value, however deeply nested, is finite as a double. */
    static boolean finiteNumbers(Object value) {
        if (value instanceof Number n) return Double.isFinite(n.doubleValue());
        if (value instanceof Map<?, ?> m) return m.values().stream().allMatch(ProfileRules::finiteNumbers);
        if (value instanceof Iterable<?> list) {
            for (Object o : list) if (!finiteNumbers(o)) return false;
        }
        return true;
    }

    public static void checkAttributeCount(Validation v, Map<String, Object> merged) {
        v.check(merged.size() <= MAX_ATTRIBUTES, "attributes",
                "a profile may have at most " + MAX_ATTRIBUTES + " attributes");
    }

    public static void checkPushToken(Validation v, String token) {
        v.check(token != null && PUSH_TOKEN.matcher(token).matches(), "token",
                "must be 16 to 4096 characters of letters, digits, '_', ':', '-' or '.'");
    }

    private static boolean validZone(String tz) {
        try {
            ZoneId.of(tz);
            return !tz.startsWith("+") && !tz.startsWith("-");
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean validLocale(String tag) {
        try {
            Locale l = new Locale.Builder().setLanguageTag(tag).build();
            return !l.getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
