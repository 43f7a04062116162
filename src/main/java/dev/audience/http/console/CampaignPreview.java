package dev.audience.http.console;

import dev.audience.campaign.BannerContent;
import dev.audience.campaign.CampaignContent;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.EmailContent;
import dev.audience.campaign.PushContent;
import dev.audience.campaign.template.TemplateRenderException;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.common.NotFoundException;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A campaign's message as one profile gets it, for the preview beside the form: an email (its HTML shown in a
 * sandboxed iframe), a push notification (drawn as on iOS and on Android), or a banner (drawn in its placement).
 * When the content cannot be rendered, {@code problems} says why, field by field, and nothing else is set.
 */
public record CampaignPreview(String userId, String profileError, List<FieldError> problems, String renderError,
                              Email email, Push push, Banner banner) {
    private static final Pattern COLOUR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    public record Email(String from, String replyTo, String subject, String text, String html) {
        /**
         * The HTML escaped for the iframe's {@code srcdoc} attribute. jte refuses to write anything into srcdoc by
         * itself (a document in an attribute can run scripts); here it is the point, and it is safe because the iframe
         * is sandboxed (no scripts, no forms, an origin of its own) and inherits the console's Content-Security-Policy.
         */
        public String srcdoc() {
            StringBuilder out = new StringBuilder(html.length() + 64);
            for (char ch : html.toCharArray()) {
                switch (ch) {
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&#34;");
                    case '\'' -> out.append("&#39;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    default -> out.append(ch);
                }
            }
            return out.toString();
        }
    }

    /** {@code color}: the Android accent colour, when a valid one is given. */
    public record Push(String title, String body, String imageUrl, String url, List<PushContent.Action> actions,
                       String color) {}

    /** The banner's content, and its colours only when they are colours (they go into a style attribute). */
    public record Banner(BannerContent content, String preset, String background, String text, String button) {
        public boolean inFrame() {
            return List.of("top", "hero", "sidebar").contains(content.placement());
        }
    }

    /** Unsaved content (a form being filled in), rendered for {@code userId}. */
    static CampaignPreview of(CampaignService campaigns, String channel, CampaignContent content, String userId) {
        String who = userId == null ? "" : userId.strip();
        return render(content, who, () -> campaigns.preview(channel, content, who));
    }

    /** A saved campaign, rendered for {@code userId}. */
    static CampaignPreview ofSaved(CampaignService campaigns, String campaignId, CampaignContent content, String userId) {
        String who = userId == null ? "" : userId.strip();
        return render(content, who, () -> campaigns.preview(campaignId, who));
    }

    private static CampaignPreview render(CampaignContent content, String userId,
                                          java.util.function.Supplier<Map<String, ?>> preview) {
        if (content instanceof BannerContent b) { // the same for everyone: no profile needed
            try {
                preview.get();
            } catch (InvalidInputException e) {
                return new CampaignPreview(userId, null, e.errors(), null, null, null, null);
            } catch (NotFoundException e) {
                // a banner renders without a profile
            }
            return new CampaignPreview(userId, null, List.of(), null, null, null, banner(b));
        }
        try {
            Map<String, ?> out = preview.get();
            return switch (content) {
                case EmailContent e -> new CampaignPreview(userId, null, List.of(), null, email(e, out), null, null);
                case PushContent p -> new CampaignPreview(userId, null, List.of(), null, null, push(p, out), null);
                default -> throw new IllegalStateException("unknown content " + content);
            };
        } catch (InvalidInputException e) {
            return new CampaignPreview(userId, null, e.errors(), null, null, null, null);
        } catch (NotFoundException e) {
            String why = userId.isEmpty() ? "Give a userId to see the message as that profile gets it."
                    : "No profile has the userId \"" + userId + "\".";
            return new CampaignPreview(userId, why, List.of(), null, null, null, null);
        } catch (TemplateRenderException e) {
            return new CampaignPreview(userId, null, List.of(), e.getMessage(), null, null, null);
        }
    }

    private static Email email(EmailContent c, Map<String, ?> out) {
        String from = c.fromName() == null ? c.fromEmail() : c.fromName() + " <" + c.fromEmail() + ">";
        return new Email(from, c.replyTo(), (String) out.get("subject"), (String) out.get("text"), (String) out.get("html"));
    }

    @SuppressWarnings("unchecked")
    private static Push push(PushContent c, Map<String, ?> out) {
        String color = c.android() != null && c.android().color() != null && COLOUR.matcher(c.android().color()).matches()
                ? c.android().color() : null;
        return new Push((String) out.get("title"), (String) out.get("body"), (String) out.get("imageUrl"),
                (String) out.get("url"), (List<PushContent.Action>) out.get("actions"), color);
    }

    private static Banner banner(BannerContent b) {
        BannerContent.Style s = b.style();
        return new Banner(b, s == null ? null : s.preset(), colour(s == null ? null : s.background()),
                colour(s == null ? null : s.text()), colour(s == null ? null : s.button()));
    }

    private static String colour(String c) {
        return c != null && COLOUR.matcher(c).matches() ? c : null;
    }

    public boolean failed() {
        return profileError != null || !problems.isEmpty() || renderError != null;
    }

    /** style="…" for the banner box: its own colours over the preset's. */
    public String bannerStyle() {
        if (banner == null) return null;
        String s = (banner.background() == null ? "" : "background-color:" + banner.background() + ";")
                + (banner.text() == null ? "" : "color:" + banner.text() + ";");
        return s.isEmpty() ? null : s;
    }

    public String buttonStyle() {
        return banner == null || banner.button() == null ? null : "background-color:" + banner.button() + ";";
    }

    public String bannerClass() {
        String preset = banner == null ? null : banner.preset();
        return "audience-banner" + (preset != null && preset.matches("[a-z]+") ? " audience-banner--" + preset : "");
    }
}
