package dev.audience.campaign;

import dev.audience.common.Validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** What a banner's content must be. Field names are from the campaign's root: content.title, weight. */
final class BannerRules {
    static final Set<String> PRESETS = Set.of("info", "success", "warning", "promo", "dark", "light");
    static final int MAX_TITLE = 120;
    static final int MAX_BODY = 600;
    static final int MAX_LABEL = 40;
    static final int MAX_URL = 2048;
    static final int MAX_PER_DAY = 1000;
    private static final Pattern COLOUR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    private BannerRules() {}

    static void check(Validation v, BannerContent c, Predicate<String> placementExists) {
        v.check(c.placement() != null && placementExists.test(c.placement()), "content.placement",
                c.placement() == null ? "is required" : "no placement with key \"" + c.placement() + "\"");
        text(v, "content.title", c.title(), true, MAX_TITLE);
        text(v, "content.body", c.body(), false, MAX_BODY);
        if (c.imageUrl() != null) url(v, "content.imageUrl", c.imageUrl());
        if (c.cta() != null) {
            text(v, "content.cta.label", c.cta().label(), true, MAX_LABEL);
            if (c.cta().url() == null) v.check(false, "content.cta.url", "is required");
            else url(v, "content.cta.url", c.cta().url());
        }
        if (c.style() != null) {
            BannerContent.Style s = c.style();
            v.check(s.preset() == null || PRESETS.contains(s.preset()), "content.style.preset",
                    "must be one of " + String.join(", ", PRESETS.stream().sorted().toList()));
            colour(v, "content.style.background", s.background());
            colour(v, "content.style.text", s.text());
            colour(v, "content.style.button", s.button());
        }
        v.check(c.weight() >= 1 && c.weight() <= 100, "weight", "must be a whole number from 1 to 100");
        v.check(c.maxImpressionsPerDay() == null || (c.maxImpressionsPerDay() >= 1 && c.maxImpressionsPerDay() <= MAX_PER_DAY),
                "maxImpressionsPerDay", "must be a whole number from 1 to " + MAX_PER_DAY + ", or absent for no cap");
    }

    private static void text(Validation v, String field, String s, boolean required, int max) {
        if (s == null || s.isBlank()) {
            v.check(!required, field, "is required");
            return;
        }
        v.check(s.length() <= max, field, "must be at most " + max + " characters");
    }

    private static void colour(Validation v, String field, String s) {
        v.check(s == null || COLOUR.matcher(s).matches(), field, "must be a colour as #rgb or #rrggbb");
    }

    /** An absolute http or https URL with a host: what a browser may follow or load from a banner. */
    static void url(Validation v, String field, String s) {
        boolean ok = false;
        if (s.length() <= MAX_URL) {
            try {
                URI u = new URI(s);
                ok = u.getScheme() != null && (u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
                        && u.getHost() != null;
            } catch (URISyntaxException e) {
                ok = false;
            }
        }
        v.check(ok, field, "must be an absolute http(s) URL of at most " + MAX_URL + " characters");
    }
}
