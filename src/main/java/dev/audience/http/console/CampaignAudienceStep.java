package dev.audience.http.console;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignPatch;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.SendPlan;
import dev.audience.common.Change;
import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The audience step: the segments a campaign goes to and those it leaves out, with the send plan for the choice as it
 * is made (htmx): how many people, how many can be reached, how many are skipped and why. A new campaign becomes a
 * draft here (its content carried from the previous step); a draft's audience is changed in place.
 */
public final class CampaignAudienceStep {
    private static final List<String> FIELDS = List.of("segments", "excludeSegments");

    private final CampaignService campaigns;
    private final SegmentService segments;

    CampaignAudienceStep(CampaignService campaigns, SegmentService segments) {
        this.campaigns = campaigns;
        this.segments = segments;
    }

    /** The plan for the chosen segments, or why there is none yet. */
    public record Plan(String channel, SendPlan plan, String error) {
        public List<Map.Entry<String, Long>> skips() {
            return plan == null ? List.of() : List.copyOf(plan.skipped().entrySet());
        }
    }

    /** {@code back}: the content step; {@code carried}: the content, for a campaign not made yet. */
    public record Model(String channel, Form form, Plan plan, List<SegmentView> segments, String action, String planAction,
                        String back, Campaign draft, List<Map.Entry<String, String>> carried) {
        public boolean isNew() {
            return draft == null;
        }
    }

    void register(RoutesConfig r) {
        r.post("/console/new-campaign/{channel}", this::create, ConsoleAccess.EDITOR);
        r.post("/console/new-campaign/{channel}/plan", ctx -> plan(ctx, ctx.pathParam("channel")), ConsoleAccess.EDITOR);
        r.get("/console/campaigns/{id}/audience", ctx -> {
            Campaign c = draft(ctx);
            showDraft(ctx, c, Form.empty().withAll("segments", c.segments()).withAll("excludeSegments", c.excludeSegments()));
        }, ConsoleAccess.EDITOR);
        r.post("/console/campaigns/{id}/audience", this::saveDraft, ConsoleAccess.EDITOR);
        r.post("/console/campaigns/{id}/plan", ctx -> plan(ctx, draft(ctx).channel()), ConsoleAccess.EDITOR);
    }

    private Campaign draft(Context ctx) {
        Campaign c = campaigns.get(ctx.pathParam("id"));
        if (c.status() != CampaignStatus.DRAFT) {
            throw new ConflictException("campaign \"" + c.name() + "\" is " + c.status().wireName() + "; only drafts can be changed");
        }
        return c;
    }

    /** The step for a campaign not made yet: its content (checked already) goes along in hidden fields. */
    void showNew(Context ctx, String channel, Form form) {
        List<Map.Entry<String, String>> carried = form.entries().stream().filter(e -> !FIELDS.contains(e.getKey())).toList();
        Pages.render(ctx, "campaignAudience.jte", Pages.chrome(ctx, "New " + channel + " campaign", "campaigns"), "page",
                new Model(channel, form, plan(channel, form), list(), "/console/new-campaign/" + channel,
                        "/console/new-campaign/" + channel + "/plan", "/console/new-campaign/" + channel + "/back", null, carried));
    }

    private void showDraft(Context ctx, Campaign c, Form form) {
        Pages.render(ctx, "campaignAudience.jte", Pages.chrome(ctx, c.name(), "campaigns"), "page",
                new Model(c.channel(), form, plan(c.channel(), form), list(), "/console/campaigns/" + c.id() + "/audience",
                        "/console/campaigns/" + c.id() + "/plan", "/console/campaigns/" + c.id() + "/content", c, List.of()));
    }

    private List<SegmentView> list() {
        return segments.list().stream().sorted(Comparator.comparing((SegmentView v) -> v.segment().name().toLowerCase(
                java.util.Locale.ROOT))).toList();
    }

    private static Form audienceOf(Context ctx, Form into) {
        return into.withAll("segments", Pages.fields(ctx, "segments")).withAll("excludeSegments", Pages.fields(ctx, "excludeSegments"));
    }

    private void create(Context ctx) {
        String channel = ctx.pathParam("channel");
        Form form = audienceOf(ctx, ContentForm.read(ctx, channel)).with(CampaignContentStep.PREVIEW_USER,
                Pages.field(ctx, CampaignContentStep.PREVIEW_USER));
        var content = ContentForm.content(channel, form);
        if (!form.hasErrors()) {
            try {
                Campaign c = campaigns.create(new CampaignDraft(form.value("name"), channel, form.all("segments"),
                        form.all("excludeSegments"), content, null));
                Pages.seeOther(ctx, "/console/campaigns/" + c.id() + "/test");
                return;
            } catch (InvalidInputException e) {
                // the content was checked one step ago; what changed since (a placement removed) shows at the top
                ContentForm.file(form, channel, e.errors(), FIELDS, ContentForm.WHOLE);
            }
        }
        ctx.status(422);
        showNew(ctx, channel, form);
    }

    private void saveDraft(Context ctx) {
        Campaign c = draft(ctx);
        Form form = audienceOf(ctx, Form.empty());
        try {
            campaigns.patch(c.id(), new CampaignPatch(Change.absent(), Change.to(form.all("segments")),
                    Change.to(form.all("excludeSegments")), Change.absent(), Change.absent()));
            Pages.seeOther(ctx, "/console/campaigns/" + c.id() + "/test");
        } catch (InvalidInputException e) {
            form.errors(e.errors(), FIELDS, "segments");
            ctx.status(422);
            showDraft(ctx, c, form);
        }
    }

    /** htmx, as segments are ticked: the plan for the choice. */
    private void plan(Context ctx, String channel) {
        if (!CampaignContentStep.CHANNELS.contains(channel)) throw new InvalidInputException("channel", "must be email, push or banner");
        Pages.renderPart(ctx, "campaignPlan.jte", "plan", plan(channel, audienceOf(ctx, Form.empty())));
    }

    private Plan plan(String channel, Form form) {
        if (form.all("segments").isEmpty()) return new Plan(channel, null, "Choose at least one segment to send to.");
        try {
            return new Plan(channel, campaigns.plan(channel, form.all("segments"), form.all("excludeSegments")), null);
        } catch (InvalidInputException e) {
            return new Plan(channel, null, e.errors().get(0).message());
        }
    }
}
