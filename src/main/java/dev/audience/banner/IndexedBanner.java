package dev.audience.banner;

import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.Objects;

/**
 * A banner as serving sees it: its placement and weight, who may see it as bitmaps of profile ordinals
 * computed when the index was built, and its time window. The bitmaps are never changed after the build,
 * so many threads read them at once without locks.
 *
 * @param everyone  true when Everyone is among the targets: any user, even one with no profile yet
 * @param admitted  without Everyone: the target segments' members minus the excluded ones (one lookup decides)
 * @param excluded  with Everyone: the excluded segments' members (unused otherwise)
 * @param startsAt  shown from this instant on
 * @param expiresAt shown until just before this instant; null = until cancelled
 * @param dailyCap  impressions per user per UTC day; 0 = no cap
 * @param test      a test shown only to a test segment
 * @param encoded   the banner as clients receive it, encoded once when the index is built (may be empty)
 * @param number    the id's number in this process (see BannerNumbers), for the per-user views
 */
public record IndexedBanner(String id, String placement, int weight, boolean everyone, RoaringBitmap admitted,
                            RoaringBitmap excluded, Instant startsAt, Instant expiresAt, int dailyCap, boolean test,
                            byte[] encoded, int number) {
    private static final byte[] NONE = new byte[0];
    public static final int MIN_WEIGHT = 1;
    public static final int MAX_WEIGHT = 100;

    public IndexedBanner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(admitted, "admitted");
        Objects.requireNonNull(excluded, "excluded");
        Objects.requireNonNull(startsAt, "startsAt");
        if (encoded == null) encoded = NONE;
        if (number != BannerNumbers.of(id)) throw new IllegalArgumentException("number must be BannerNumbers.of(id)");
        if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be " + MIN_WEIGHT + " to " + MAX_WEIGHT + ", was " + weight);
        }
    }

    public IndexedBanner(String id, String placement, int weight, boolean everyone, RoaringBitmap admitted,
                         RoaringBitmap excluded, Instant startsAt, Instant expiresAt, int dailyCap, boolean test,
                         byte[] encoded) {
        this(id, placement, weight, everyone, admitted, excluded, startsAt, expiresAt, dailyCap, test, encoded,
                BannerNumbers.of(id));
    }

    /** A banner with no cap, not a test, with nothing encoded. */
    public IndexedBanner(String id, String placement, int weight, boolean everyone, RoaringBitmap admitted,
                         RoaringBitmap excluded, Instant startsAt, Instant expiresAt) {
        this(id, placement, weight, everyone, admitted, excluded, startsAt, expiresAt, 0, false, null);
    }

    /** Whether this user (by profile ordinal; -1 = no profile) may see the banner at {@code now}. */
    public boolean eligible(int ordinal, Instant now) {
        return inWindow(now) && admits(ordinal);
    }

    public boolean inWindow(Instant now) {
        return !now.isBefore(startsAt) && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The audience test alone: one bitmap lookup. */
    public boolean admits(int ordinal) {
        if (everyone) return ordinal < 0 || !excluded.contains(ordinal);
        return ordinal >= 0 && admitted.contains(ordinal);
    }

    /** The bitmap that decides {@link #admits}; banners built with the same segments share it. */
    RoaringBitmap decidingBitmap() {
        return everyone ? excluded : admitted;
    }
}
