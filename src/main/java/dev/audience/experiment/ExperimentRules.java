package dev.audience.experiment;

import dev.audience.common.Text;
import dev.audience.common.Validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** What experiments and flags must be, each rule with its message. */
final class ExperimentRules {
    static final int MAX_VARIANTS = 20;
    static final int MAX_WEIGHT = 10_000;
    static final int MAX_NAME = 200;

    private ExperimentRules() {}

    static void key(Validation v, String field, String key) {
        v.check(Text.isKey(key), field,
                "must be 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit");
    }

    static void name(Validation v, String name) {
        v.check(name != null && !name.isBlank() && name.length() <= MAX_NAME, "name", "is required, at most "
                + MAX_NAME + " characters");
    }

    static void variants(Validation v, List<Variant> variants) {
        if (variants == null || variants.size() < 2 || variants.size() > MAX_VARIANTS) {
            v.check(false, "variants", "must have 2 to " + MAX_VARIANTS + " variants");
            return;
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (int i = 0; i < variants.size(); i++) {
            Variant x = variants.get(i);
            key(v, "variants[" + i + "].key", x.key());
            v.check(seen.add(x.key()), "variants[" + i + "].key", "is used by another variant");
            v.check(x.weight() >= 0 && x.weight() <= MAX_WEIGHT, "variants[" + i + "].weight",
                    "must be a whole number from 0 to " + MAX_WEIGHT);
            total += Math.max(0, x.weight());
        }
        v.check(total > 0, "variants", "at least one variant needs a weight above 0");
    }

    static void segments(Validation v, String field, List<String> keys, Predicate<String> exists) {
        for (int i = 0; i < keys.size(); i++) {
            v.check(exists.test(keys.get(i)), field + "[" + i + "]", "no segment with key \"" + keys.get(i) + "\"");
        }
    }

    static void percent(Validation v, String field, Double percent) {
        v.check(percent == null || (percent >= 0 && percent <= 100), field, "must be a percentage from 0 to 100");
    }

    static int basisPoints(Double percent) {
        return percent == null ? Targeting.ALL : (int) Math.round(percent * 100);
    }
}
