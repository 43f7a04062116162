package dev.audience.campaign;

import dev.audience.delivery.DeliveryLedger.NewRow;
import dev.audience.delivery.DeliveryState;
import dev.audience.profile.EmailStatus;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import dev.audience.profile.PushToken;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decides, profile by profile, whether a message can go. Email: no address, or an address that
 * unsubscribed, bounced or complained, is skipped with that reason. Push: a profile with no valid device
 * token is skipped ("no device"). Reads profiles in chunks, in ordinal order.
 */
public final class Recipients {
    static final int CHUNK = 5000;
    static final String NO_EMAIL = "no email";
    public static final String NO_DEVICE = "no device";

    private Recipients() {}

    /** The reasons a channel's recipients can be skipped for, in the order plans show them. */
    static List<String> reasons(String channel) {
        return Campaign.PUSH.equals(channel) ? List.of(NO_DEVICE) : List.of("unsubscribed", "bounced", "complained", NO_EMAIL);
    }

    /** The reason a profile cannot get email, or null when it can. */
    public static String skipReason(Profile p) {
        if (p.email() == null || p.email().isBlank()) return NO_EMAIL;
        return p.emailStatus() == EmailStatus.SUBSCRIBED ? null : p.emailStatus().wireName();
    }

    /**
     * Feeds one ledger row per audience member (queued, or skipped with a reason), in chunks. An email row
     * carries the address; a push row the number of devices it will go to.
     */
    static void rows(String channel, RoaringBitmap audience, ProfileStore profiles, Consumer<List<NewRow>> chunk) {
        boolean push = Campaign.PUSH.equals(channel);
        int[] all = audience.toArray();
        for (int from = 0; from < all.length; from += CHUNK) {
            int[] part = java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + CHUNK));
            List<NewRow> rows = new ArrayList<>(part.length);
            Map<Integer, List<PushToken>> devices = push ? profiles.validPushTokens(part) : Map.of();
            for (Profile p : profiles.byOrdinals(part)) {
                if (push) {
                    int n = devices.getOrDefault(p.ordinal(), List.of()).size();
                    rows.add(n > 0 ? new NewRow(p.ordinal(), n + (n == 1 ? " device" : " devices"), DeliveryState.QUEUED, null)
                            : new NewRow(p.ordinal(), null, DeliveryState.SKIPPED, NO_DEVICE));
                    continue;
                }
                String reason = skipReason(p);
                rows.add(reason == null ? new NewRow(p.ordinal(), p.email(), DeliveryState.QUEUED, null)
                        : new NewRow(p.ordinal(), p.email(), DeliveryState.SKIPPED, reason));
            }
            chunk.accept(rows);
        }
    }
}
