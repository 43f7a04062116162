package dev.audience.http.console;

import dev.audience.banner.BannerActivityStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A banner's impressions and clicks per day as a small inline SVG bar chart: one pair of bars per day (the last
 * {@link #DAYS} days that have any), heights from 0 to the day with the most impressions, the day written under each
 * pair. Coordinates are in a {@link #WIDTH} × {@link #HEIGHT} box.
 */
public record BannerChart(List<Bar> bars, long max) {
    public static final int WIDTH = 600;
    public static final int HEIGHT = 140;
    static final int DAYS = 30;
    private static final double PAD = 4;
    /** Room under the bars for the days. */
    private static final double LABELS = 16;
    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("MMM d",
            Locale.ROOT);

    /** One day: its impressions bar and its clicks bar (x, y, width, height as SVG numbers), and its label. */
    public record Bar(BannerActivityStore.Day day, String x, String y, String clickX, String clickY, String width,
                      String height, String clickHeight, String labelX, String label) {}

    public static BannerChart of(List<BannerActivityStore.Day> days) {
        List<BannerActivityStore.Day> shown = days.stream().sorted(java.util.Comparator.comparing(BannerActivityStore.Day::day))
                .toList();
        if (shown.size() > DAYS) shown = shown.subList(shown.size() - DAYS, shown.size());
        long max = Math.max(1, shown.stream().mapToLong(BannerActivityStore.Day::impressions).max().orElse(0));
        double slot = (WIDTH - 2 * PAD) / Math.max(1, shown.size());
        double bar = Math.min(24, slot * 0.4);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            BannerActivityStore.Day d = shown.get(i);
            double x = PAD + i * slot + (slot - 2 * bar) / 2;
            double room = HEIGHT - 2 * PAD - LABELS;
            double h = room * d.impressions() / (double) max;
            double ch = room * d.clicks() / (double) max;
            double base = HEIGHT - PAD - LABELS;
            bars.add(new Bar(d, fmt(x), fmt(base - h), fmt(x + bar), fmt(base - ch), fmt(bar), fmt(h), fmt(ch), fmt(x + bar),
                    DAY.format(d.day())));
        }
        return new BannerChart(bars, max);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    /** The y of the zero line. */
    public String bottom() {
        return fmt(HEIGHT - PAD - LABELS);
    }

    /** The y of the days' labels. */
    public String labelY() {
        return fmt(HEIGHT - PAD);
    }
}
