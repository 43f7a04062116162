package dev.audience.http.console;

import dev.audience.segment.SnapshotInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A segment's size over time as a small inline SVG line: one point per snapshot version, x by time (by version when
 * all share one time), y from 0 to the largest size; a single version is a level line. Coordinates are in a
 * {@link #WIDTH} × {@link #HEIGHT} box.
 */
public record SizeChart(String points, List<Dot> dots, long max, Instant from, Instant to) {
    public static final int WIDTH = 600;
    public static final int HEIGHT = 120;
    private static final double PAD = 6;

    public record Dot(String x, String y, long version, long size, Instant at) {}

    /** From a segment's history (any order); empty when it has no version yet. */
    public static SizeChart of(List<SnapshotInfo> history) {
        List<SnapshotInfo> versions = history.stream().sorted(Comparator.comparingLong(SnapshotInfo::version)).toList();
        if (versions.isEmpty()) return new SizeChart("", List.of(), 0, null, null);
        long max = Math.max(1, versions.stream().mapToLong(SnapshotInfo::size).max().orElse(0));
        long first = versions.get(0).createdAt().toEpochMilli();
        long span = versions.get(versions.size() - 1).createdAt().toEpochMilli() - first;
        List<Dot> dots = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < versions.size(); i++) {
            SnapshotInfo v = versions.get(i);
            double share = span > 0 ? (v.createdAt().toEpochMilli() - first) / (double) span
                    : versions.size() == 1 ? 0 : i / (double) (versions.size() - 1);
            double x = PAD + share * (WIDTH - 2 * PAD);
            double y = HEIGHT - PAD - (v.size() / (double) max) * (HEIGHT - 2 * PAD);
            String sx = fmt(x), sy = fmt(y);
            if (!points.isEmpty()) points.append(' ');
            points.append(sx).append(',').append(sy);
            dots.add(new Dot(sx, sy, v.version(), v.size(), v.createdAt()));
        }
        if (versions.size() == 1) points.append(' ').append(fmt(WIDTH - PAD)).append(',').append(dots.get(0).y()); // a level line
        return new SizeChart(points.toString(), dots, max, versions.get(0).createdAt(),
                versions.get(versions.size() - 1).createdAt());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The y of the zero line and of the largest size, for the chart's guide lines. */
    public String bottom() {
        return fmt(HEIGHT - PAD);
    }

    public String top() {
        return fmt(PAD);
    }

    public boolean isEmpty() {
        return dots.isEmpty();
    }
}
