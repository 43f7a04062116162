package dev.audience.delivery.tracking;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed one-click unsubscribe tokens: the link in an email (and its List-Unsubscribe header) names the
 * profile and campaign itself, so unsubscribing needs no login and no stored token, and nobody can unsubscribe
 * someone else by editing the link.
 *
 * <p>The payload starts with {@code unsubscribe}, so a click or open token signed with the same secret is never
 * read as an unsubscribe. Tokens do not expire: an unsubscribe link must keep working long after the email.
 */
public final class UnsubscribeTokens {
    private static final String PURPOSE = "unsubscribe";
    private static final Pattern ORDINAL = Pattern.compile("[0-9]{1,10}");

    private final Signer signer;

    public UnsubscribeTokens(Signer signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** A token for the profile with {@code ordinal}, unsubscribing from {@code campaignId}'s email. */
    public String token(int ordinal, String campaignId) {
        if (ordinal < 0) throw new IllegalArgumentException("ordinal must not be negative");
        Objects.requireNonNull(campaignId, "campaignId");
        return signer.sign(PURPOSE + "\n" + ordinal + "\n" + campaignId);
    }

    /** What {@code token} asks for when this server signed it as an unsubscribe token; empty otherwise. */
    public Optional<Unsubscribe> read(String token) {
        return signer.verify(token).flatMap(payload -> {
            String[] parts = payload.split("\n", 3);
            if (parts.length != 3 || !parts[0].equals(PURPOSE) || !ORDINAL.matcher(parts[1]).matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Unsubscribe(Integer.parseInt(parts[1]), parts[2]));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        });
    }
}
