package dev.audience.app;

import dev.audience.campaign.CampaignService;
import dev.audience.campaign.EmailContent;
import dev.audience.campaign.PushContent;
import dev.audience.campaign.PushContentRules;
import dev.audience.campaign.template.PushTemplates;
import dev.audience.campaign.template.RenderedPush;
import dev.audience.channel.push.PushPayloadSizes;
import dev.audience.campaign.template.EmailTemplates;
import dev.audience.campaign.template.RenderedEmail;
import dev.audience.campaign.template.TemplateProblem;
import dev.audience.common.FieldError;
import dev.audience.profile.Profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lets campaigns check and preview content with the email and push templates and the push payload limits. */
final class TemplateChecks implements CampaignService.ContentChecker {
    private final EmailTemplates templates;
    private final PushTemplates push = new PushTemplates();
    private final PushPayloadSizes sizes = new PushPayloadSizes();

    TemplateChecks(EmailTemplates templates) {
        this.templates = templates;
    }

    @Override
    public List<FieldError> problems(PushContent c) {
        List<FieldError> out = new ArrayList<>(PushContentRules.check(c, sizes));
        push.check(c).stream().map(TemplateProblem::toFieldError).forEach(out::add);
        return out;
    }

    /** The push as this profile gets it. */
    @Override
    public Map<String, Object> preview(PushContent c, Profile p) {
        RenderedPush r = push.render(push.compile(c), p, Map.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", r.title());
        out.put("body", r.body());
        out.put("imageUrl", r.imageUrl());
        out.put("url", r.url());
        out.put("actions", r.actions());
        out.put("data", r.data());
        return out;
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
