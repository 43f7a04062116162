package dev.audience.bench;

/** The middle of a benchmark's rounds: what the HTTP and cluster benchmarks print. */
final class Medians {
    private Medians() {}

    static double of(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
