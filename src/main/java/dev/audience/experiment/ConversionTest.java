package dev.audience.experiment;

/**
 * A two-sided two-proportion z-test (pooled): is a variant's conversion rate different from the control's by more
 * than chance would make it? The normal approximation it rests on holds when each group has at least
 * {@value #MIN_EACH} conversions and {@value #MIN_EACH} non-conversions; below that it says so instead of a p-value.
 */
public final class ConversionTest {
    static final int MIN_EACH = 5;
    /** The usual 5% level: a p-value below it is called significant. */
    public static final double ALPHA = 0.05;

    private ConversionTest() {}

    /** The p-value, or null when a group is too small for the approximation (or has nobody). */
    public static Double pValue(long controlUsers, long controlConverted, long users, long converted) {
        if (!enough(controlUsers, controlConverted) || !enough(users, converted)) return null;
        double p0 = controlConverted / (double) controlUsers;
        double p1 = converted / (double) users;
        double pooled = (controlConverted + converted) / (double) (controlUsers + users);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / controlUsers + 1.0 / users));
        if (se == 0) return 1.0;
        double z = Math.abs(p1 - p0) / se;
        return erfc(z / Math.sqrt(2));
    }

    private static boolean enough(long users, long converted) {
        return converted >= MIN_EACH && users - converted >= MIN_EACH;
    }

    /** The complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7 everywhere). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
