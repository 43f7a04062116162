package dev.audience.campaign.template;

import java.util.Objects;

/** One recipient's email after personalisation. {@code html} is null when the campaign is text only. */
public record RenderedEmail(String subject, String text, String html) {
    public RenderedEmail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }
}
