package dev.audience.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the event store's counts into an experiment's results: the experiment's variants in their order (those
 * nobody was exposed to yet with zeros), then variants that were removed but have exposures; rates, the lift over
 * the control (the first variant) and the test's verdict.
 */
final class ResultsTable {
    private ResultsTable() {}

    static ExperimentResults compute(Experiment e, String goal, List<ExposureCounts.Row> rows, Instant now) {
        Map<String, ExposureCounts.Row> byVariant = new LinkedHashMap<>();
        for (Variant v : e.variants()) byVariant.put(v.key(), new ExposureCounts.Row(v.key(), 0, 0, 0));
        for (ExposureCounts.Row r : rows) byVariant.put(r.variant(), r);
        String control = e.variants().get(0).key();
        ExposureCounts.Row base = byVariant.get(control);
        List<ExperimentResults.VariantResult> out = new ArrayList<>();
        for (ExposureCounts.Row r : byVariant.values()) {
            boolean current = e.variants().stream().anyMatch(v -> v.key().equals(r.variant()));
            out.add(goal == null
                    ? new ExperimentResults.VariantResult(r.variant(), current, r.users(), r.exposures(), null, null, null, null,
                            ExperimentResults.Verdict.NONE)
                    : withGoal(r, current, control.equals(r.variant()) ? null : base));
        }
        return new ExperimentResults(e.key(), goal, control, out, now);
    }

    private static ExperimentResults.VariantResult withGoal(ExposureCounts.Row r, boolean current, ExposureCounts.Row control) {
        Double rate = rate(r);
        Double lift = null;
        Double p = null;
        ExperimentResults.Verdict verdict = ExperimentResults.Verdict.NONE;
        if (control != null) {
            Double base = rate(control);
            if (rate != null && base != null && base > 0) lift = rate / base - 1;
            p = ConversionTest.pValue(control.users(), control.converted(), r.users(), r.converted());
            if (p == null) verdict = ExperimentResults.Verdict.TOO_FEW;
            else if (p >= ConversionTest.ALPHA) verdict = ExperimentResults.Verdict.NOT_SIGNIFICANT;
            else verdict = rate > base ? ExperimentResults.Verdict.BETTER : ExperimentResults.Verdict.WORSE;
        }
        return new ExperimentResults.VariantResult(r.variant(), current, r.users(), r.exposures(), r.converted(), rate, lift,
                p, verdict);
    }

    private static Double rate(ExposureCounts.Row r) {
        return r.users() == 0 ? null : r.converted() / (double) r.users();
    }
}
