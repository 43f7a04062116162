package dev.audience.http.console;

import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import io.javalin.http.Context;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What experiments and flags share on their forms: the segments ticked to target and to leave out, a percentage
 * (allocation, rollout). The domain's errors about them ({@code segments[1]}) go under those fields by {@link Form#errors}.
 */
final class TargetingForm {
    private TargetingForm() {}

    static Form read(Context ctx, Form form, String percentField) {
        return form.withAll("segments", Pages.fields(ctx, "segments"))
                .withAll("excludeSegments", Pages.fields(ctx, "excludeSegments"))
                .with(percentField, Pages.field(ctx, percentField));
    }

    /** The percentage typed (empty: null, which the domain reads as 100), or null with an error on the form. */
    static Double percent(Form form, String field) {
        String v = form.value(field).replace("%", "").replace(',', '.').strip();
        if (v.isEmpty()) return null;
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            form.error(field, "must be a percentage from 0 to 100");
            return null;
        }
    }

    /** Every segment, by name, for the tick boxes. */
    static List<SegmentView> segments(SegmentService segments) {
        return segments.list().stream().sorted(Comparator.comparing((SegmentView v) -> v.segment().name()
                .toLowerCase(Locale.ROOT))).toList();
    }

    /** "42.5%" for basis points (10,000 = 100 %). */
    static String percentOf(int basisPoints) {
        return Format.percent(basisPoints / 10_000.0);
    }
}
