package dev.audience.campaign;

/**
 * An in-app banner: where it shows, what it says, and how it competes. Text is shown as text, never as
 * HTML; URLs are http(s). {@code weight} (1–100) is its share of its placement against the other eligible
 * banners there; {@code maxImpressionsPerDay} caps how often one user sees it per UTC day (null = no cap).
 *
 * @param imageUrl null = no image
 * @param cta      null = no call to action
 * @param style    null = the SDK's default look
 */
public record BannerContent(String placement, String title, String body, String imageUrl, Cta cta, Style style,
                            boolean dismissible, int weight, Integer maxImpressionsPerDay) implements CampaignContent {

    /** The call to action: a button's label and where it leads. */
    public record Cta(String label, String url) {}

    /** A preset name, or colours (#rgb or #rrggbb) for background, text and button; any may be null. */
    public record Style(String preset, String background, String text, String button) {}
}
