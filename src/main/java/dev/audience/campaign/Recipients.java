package dev.audience.campaign;

import dev.audience.delivery.DeliveryLedger.NewRow;
import dev.audience.delivery.DeliveryState;
import dev.audience.profile.EmailStatus;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decides, profile by profile, whether an email can go: no address, or an address that unsubscribed,
 * bounced or complained, is skipped with that reason. Reads profiles in chunks, in ordinal order.
 */
public final class Recipients {
    static final int CHUNK = 5000;
    static final String NO_EMAIL = "no email";

    private Recipients() {}

    /** The reason a profile cannot get email, or null when it can. */
    public static String skipReason(Profile p) {
        if (p.email() == null || p.email().isBlank()) return NO_EMAIL;
        return p.emailStatus() == EmailStatus.SUBSCRIBED ? null : p.emailStatus().wireName();
    }

    /** Feeds one ledger row per audience member (queued, or skipped with a reason), in chunks. */
    static void rows(RoaringBitmap audience, ProfileStore profiles, Consumer<List<NewRow>> chunk) {
        int[] all = audience.toArray();
        for (int from = 0; from < all.length; from += CHUNK) {
            int[] part = java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + CHUNK));
            List<NewRow> rows = new ArrayList<>(part.length);
            for (Profile p : profiles.byOrdinals(part)) {
                String reason = skipReason(p);
                rows.add(reason == null ? new NewRow(p.ordinal(), p.email(), DeliveryState.QUEUED, null)
                        : new NewRow(p.ordinal(), p.email(), DeliveryState.SKIPPED, reason));
            }
            chunk.accept(rows);
        }
    }
}
