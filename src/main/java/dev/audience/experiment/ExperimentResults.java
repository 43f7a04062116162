package dev.audience.experiment;

import java.time.Instant;
import java.util.List;

/**
 * An experiment's results now: per variant, the people exposed and, for a goal event, how many of them converted
 * after their first exposure, each variant compared with the control (the first variant).
 */
public record ExperimentResults(String experiment, String goal, String control, List<VariantResult> variants,
                                Instant computedAt) {
    public ExperimentResults {
        variants = List.copyOf(variants);
    }

    /** What the comparison with the control says. */
    public enum Verdict {
        /** The control itself, or no goal event was chosen. */
        NONE,
        /** Too few conversions (or non-conversions) in a group for the test to say anything. */
        TOO_FEW,
        NOT_SIGNIFICANT, BETTER, WORSE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One variant. {@code current}: still one of the experiment's variants (exposures of a variant since removed are
     * shown too). Without a goal, the conversion fields are null; {@code lift} (relative to the control's rate) and
     * {@code pValue} are null for the control, and when they cannot be computed.
     */
    public record VariantResult(String variant, boolean current, long users, long exposures, Long conversions,
                                Double conversionRate, Double lift, Double pValue, Verdict verdict) {}

    public long users() {
        return variants.stream().mapToLong(VariantResult::users).sum();
    }

    public long exposures() {
        return variants.stream().mapToLong(VariantResult::exposures).sum();
    }
}
