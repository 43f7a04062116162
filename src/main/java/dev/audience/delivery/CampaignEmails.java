package dev.audience.delivery;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.template.CompiledEmail;
import dev.audience.campaign.template.EmailTemplates;
import dev.audience.campaign.template.RenderedEmail;
import dev.audience.channel.email.EmailMessage;
import dev.audience.delivery.tracking.Signer;
import dev.audience.delivery.tracking.TrackingLinks;
import dev.audience.delivery.tracking.UnsubscribeTokens;
import dev.audience.profile.Profile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a campaign's email for one ledger row: Liquid personalisation (templates compiled once per
 * campaign version), a signed one-click unsubscribe link in the body variable and in the List-Unsubscribe
 * headers (RFC 2369 and RFC 8058), click and open tracking in the HTML, and a Message-ID that is the same
 * for every attempt of the row.
 */
public final class CampaignEmails implements EmailRenderer {
    private final EmailTemplates templates;
    private final UnsubscribeTokens unsubscribe;
    private final TrackingLinks tracking;
    private final String baseUrl;
    private final Optional<String> unsubscribeMailto;
    private record Compiled(CompiledEmail email, java.util.Set<String> links, String domain, String mailto) {}

    /** By campaign and content, so an edited draft is compiled again; a handful of campaigns send at a time. */
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    public CampaignEmails(EmailTemplates templates, Signer signer, String baseUrl, Optional<String> unsubscribeMailto) {
        this.templates = templates;
        this.unsubscribe = new UnsubscribeTokens(signer);
        this.tracking = new TrackingLinks(signer, baseUrl);
        this.baseUrl = baseUrl;
        this.unsubscribeMailto = unsubscribeMailto;
    }

    @Override
    public EmailMessage render(Campaign c, Delivery d, Profile p) {
        if (compiled.size() > 64) compiled.clear();
        Compiled t = compiled.computeIfAbsent(c.id() + "@" + c.email().hashCode(), k -> {
            String domain = domainOf(c.email().fromEmail());
            return new Compiled(templates.compile(c.email()),
                    c.email().html() == null ? java.util.Set.of() : TrackingLinks.literalLinks(c.email().html()),
                    domain, unsubscribeMailto.orElse("unsubscribe@" + domain));
        });
        String token = unsubscribe.token(p.ordinal(), c.id());
        String unsubscribeUrl = baseUrl + "/u/" + token;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("unsubscribe_url", unsubscribeUrl);
        extra.put("campaign", Map.of("id", c.id(), "name", c.name()));
        RenderedEmail r = templates.render(t.email(), p, extra);
        String html = r.html() == null ? null : tracking.rewrite(r.html(), String.valueOf(d.id()), t.links()::contains);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">, <mailto:" + t.mailto() + "?subject="
                + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20") + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("X-Audience-Campaign", c.id());
        if (d.test()) headers.put("X-Audience-Test", "true");
        return new EmailMessage("d" + d.id() + "." + c.id() + "@" + t.domain(), c.email().fromName(), c.email().fromEmail(),
                c.email().replyTo(), p.email(), (d.test() ? "[TEST] " : "") + r.subject(), r.text(), html, headers);
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "localhost" : address.substring(at + 1);
    }
}
