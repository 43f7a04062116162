package dev.audience.campaign;

/**
 * An email campaign's content. {@code subject}, {@code text} and {@code html} are Liquid templates
 * rendered per recipient; {@code replyTo} and {@code html} may be null.
 */
public record EmailContent(String fromName, String fromEmail, String replyTo, String subject, String text, String html)
        implements CampaignContent {}
