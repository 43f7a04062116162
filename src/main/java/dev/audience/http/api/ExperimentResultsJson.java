package dev.audience.http.api;

import dev.audience.experiment.ExperimentResults;

import java.util.LinkedHashMap;
import java.util.Map;

/** An experiment's results on the wire (GET /api/v1/experiments/{key}/results). */
final class ExperimentResultsJson {
    private ExperimentResultsJson() {}

    static Map<String, Object> of(ExperimentResults r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", r.experiment());
        m.put("goal", r.goal());
        m.put("control", r.control());
        m.put("users", r.users());
        m.put("exposures", r.exposures());
        m.put("variants", r.variants().stream().map(ExperimentResultsJson::variant).toList());
        m.put("computedAt", r.computedAt().toString());
        return m;
    }

    private static Map<String, Object> variant(ExperimentResults.VariantResult v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", v.variant());
        m.put("current", v.current());
        m.put("users", v.users());
        m.put("exposures", v.exposures());
        m.put("conversions", v.conversions());
        m.put("conversionRate", v.conversionRate());
        m.put("lift", v.lift());
        m.put("pValue", v.pValue());
        m.put("verdict", v.verdict().wireName());
        return m;
    }
}
