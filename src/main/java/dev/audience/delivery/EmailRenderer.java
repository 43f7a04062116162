package dev.audience.delivery;

import dev.audience.campaign.Campaign;
import dev.audience.channel.email.EmailMessage;
import dev.audience.profile.Profile;

/** Turns a ledger row into the email its recipient gets: personalised, with unsubscribe and tracking links. */
public interface EmailRenderer {
    EmailMessage render(Campaign campaign, Delivery delivery, Profile recipient);
}
