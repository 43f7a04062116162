package dev.audience.http.console;

import dev.audience.experiment.ExperimentResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An experiment's variants as a small inline SVG bar chart, in the style of {@link BannerChart}: one pair of bars per
 * variant (people exposed, and those of them who converted when a goal is chosen), heights from 0 to the variant with
 * the most people, the variant's key under each pair. Coordinates are in a {@link #WIDTH} × {@link #HEIGHT} box.
 */
public record VariantChart(List<Bar> bars, long max, boolean withGoal) {
    public static final int WIDTH = 600;
    public static final int HEIGHT = 140;
    private static final double PAD = 4;
    private static final double LABELS = 16;

    /** One variant: its exposed bar and its converted bar (x, y, width, height as SVG numbers), and its label. */
    public record Bar(ExperimentResults.VariantResult variant, String x, String y, String convertedX, String convertedY,
                      String width, String height, String convertedHeight, String labelX) {}

    public static VariantChart of(ExperimentResults results) {
        List<ExperimentResults.VariantResult> shown = results.variants();
        boolean goal = results.goal() != null;
        long max = Math.max(1, shown.stream().mapToLong(ExperimentResults.VariantResult::users).max().orElse(0));
        double slot = (WIDTH - 2 * PAD) / Math.max(1, shown.size());
        double bar = Math.min(48, slot * 0.35);
        double room = HEIGHT - 2 * PAD - LABELS;
        double base = HEIGHT - PAD - LABELS;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            ExperimentResults.VariantResult v = shown.get(i);
            double pair = goal ? 2 * bar : bar;
            double x = PAD + i * slot + (slot - pair) / 2;
            double h = room * v.users() / (double) max;
            long converted = v.conversions() == null ? 0 : v.conversions();
            double ch = room * converted / (double) max;
            bars.add(new Bar(v, fmt(x), fmt(base - h), fmt(x + bar), fmt(base - ch), fmt(bar), fmt(h), fmt(ch),
                    fmt(x + pair / 2)));
        }
        return new VariantChart(bars, max, goal);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** True while nobody has been exposed: the page says so instead of drawing empty bars. */
    public boolean isEmpty() {
        return bars.stream().allMatch(b -> b.variant().users() == 0);
    }

    public String bottom() {
        return fmt(HEIGHT - PAD - LABELS);
    }

    public String labelY() {
        return fmt(HEIGHT - PAD);
    }
}
