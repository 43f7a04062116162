package dev.audience.http.console;

import dev.audience.banner.BannerActivityStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A banner's impressions and clicks per day as a small inline SVG bar chart: one pair of bars per day (the last
 * {@link #DAYS} days that have any), heights from 0 to the day with the most impressions. Coordinates are in a
 * {@link #WIDTH} × {@link #HEIGHT} box.
 */
public record BannerChart(List<Bar> bars, long max) {
    public static final int WIDTH = 600;
    public static final int HEIGHT = 120;
    static final int DAYS = 30;
    private static final double PAD = 4;

    /** One day: its impressions bar and its clicks bar (x, y, width, height as SVG numbers). */
    public record Bar(BannerActivityStore.Day day, String x, String y, String clickX, String clickY, String width,
                      String height, String clickHeight) {}

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
            double h = (HEIGHT - 2 * PAD) * d.impressions() / (double) max;
            double ch = (HEIGHT - 2 * PAD) * d.clicks() / (double) max;
            bars.add(new Bar(d, fmt(x), fmt(HEIGHT - PAD - h), fmt(x + bar), fmt(HEIGHT - PAD - ch), fmt(bar), fmt(h), fmt(ch)));
        }
        return new BannerChart(bars, max);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    public String bottom() {
        return fmt(HEIGHT - PAD);
    }
}
