package dev.audience.app;

import dev.audience.campaign.CampaignService;
import dev.audience.campaign.EmailContent;
import dev.audience.campaign.template.EmailTemplates;
import dev.audience.campaign.template.RenderedEmail;
import dev.audience.campaign.template.TemplateProblem;
import dev.audience.common.FieldError;
import dev.audience.profile.Profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lets campaigns check and preview content with the email templates. */
final class TemplateChecks implements CampaignService.ContentChecker {
    private final EmailTemplates templates;

    TemplateChecks(EmailTemplates templates) {
        this.templates = templates;
    }

    @Override
    public List<FieldError> problems(EmailContent c) {
        return templates.check(c).stream().map(TemplateProblem::toFieldError).toList();
    }

    @Override
    public Map<String, String> preview(EmailContent c, Profile p, String campaignId) {
        RenderedEmail r = templates.render(c, p, Map.of("unsubscribe_url", "(the recipient's own unsubscribe link)",
                "campaign", Map.of("id", campaignId)));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("subject", r.subject());
        out.put("text", r.text());
        out.put("html", r.html());
        return out;
    }
}
