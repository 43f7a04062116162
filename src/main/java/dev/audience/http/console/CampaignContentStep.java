package dev.audience.http.console;

import dev.audience.banner.Placement;
import dev.audience.banner.PlacementService;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignContent;
import dev.audience.campaign.CampaignPatch;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.CampaignStatus;
import dev.audience.common.Change;
import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.common.NotFoundException;
import dev.audience.segment.Segment;
import dev.audience.segment.SegmentService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * The first two steps of a campaign: its channel, then its name and content beside a live preview (htmx sends the
 * form as it is typed; the answer is the preview for the chosen profile, and each field's error, a Liquid error with
 * its line and column, swapped in under the field). A new campaign's content is checked and carried on to the
 * audience step, where the draft is made (a campaign needs its segments); a draft's content is changed in place.
 */
public final class CampaignContentStep {
    static final List<String> CHANNELS = List.of(Campaign.EMAIL, Campaign.PUSH, Campaign.BANNER);
    static final String PREVIEW_USER = "previewUserId";

    private final CampaignService campaigns;
    private final SegmentService segments;
    private final PlacementService placements;
    private final CampaignAudienceStep audience;

    CampaignContentStep(CampaignService campaigns, SegmentService segments, PlacementService placements,
                        CampaignAudienceStep audience) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.placements = placements;
        this.audience = audience;
    }

    /**
     * The content step. {@code action}: where the form goes; {@code previewAction}: where htmx sends it as it is typed;
     * {@code draft}: the campaign being changed (null for a new one); {@code carried}: values of later steps, kept.
     */
    public record Model(String channel, Form form, CampaignPreview preview, String action, String previewAction,
                        Campaign draft, List<Placement> placements, List<Map.Entry<String, String>> carried) {
        public boolean isNew() {
            return draft == null;
        }
    }

    /** The htmx answer: the preview, and each content field's error (out of band, under its field). */
    public record PreviewPart(String channel, Form form, CampaignPreview preview, List<String> fields) {}

    void register(RoutesConfig r) {
        r.get("/console/new-campaign", ctx -> Pages.render(ctx, "campaignChannel.jte",
                Pages.chrome(ctx, "New campaign", "campaigns"), "channels", CHANNELS), ConsoleAccess.EDITOR);
        r.get("/console/new-campaign/{channel}", this::blank, ConsoleAccess.EDITOR);
        r.post("/console/new-campaign/{channel}/content", this::checkNew, ConsoleAccess.EDITOR);
        r.post("/console/new-campaign/{channel}/back", ctx -> showNew(ctx, channel(ctx), readNew(ctx), null),
                ConsoleAccess.EDITOR);
        r.post("/console/new-campaign/{channel}/preview", ctx -> preview(ctx, channel(ctx)), ConsoleAccess.EDITOR);
        r.get("/console/campaigns/{id}/content", this::editDraft, ConsoleAccess.EDITOR);
        r.post("/console/campaigns/{id}/content", this::saveDraft, ConsoleAccess.EDITOR);
        r.post("/console/campaigns/{id}/preview", ctx -> preview(ctx, draft(ctx).channel()), ConsoleAccess.EDITOR);
    }

    private static String channel(Context ctx) {
        String channel = ctx.pathParam("channel");
        if (!CHANNELS.contains(channel)) throw new NotFoundException("no channel " + channel + "; email, push or banner");
        return channel;
    }

    private Campaign draft(Context ctx) {
        Campaign c = campaigns.get(ctx.pathParam("id"));
        if (c.status() != CampaignStatus.DRAFT) {
            throw new ConflictException("campaign \"" + c.name() + "\" is " + c.status().wireName() + "; only drafts can be changed");
        }
        return c;
    }

    private void blank(Context ctx) {
        String channel = channel(ctx);
        List<Placement> all = placements.list();
        Form form = ContentForm.blank(channel, all.isEmpty() ? "" : all.get(0).key()).with(PREVIEW_USER, firstProfile());
        showNew(ctx, channel, form, null);
    }

    /** A profile to preview with before anyone is chosen: the first of everyone ("" when there is none). */
    private String firstProfile() {
        List<String> first = segments.members(Segment.EVERYONE, 1, -1).userIds();
        return first.isEmpty() ? "" : first.get(0);
    }

    private Form readNew(Context ctx) {
        String channel = channel(ctx);
        return ContentForm.read(ctx, channel).with(PREVIEW_USER, Pages.field(ctx, PREVIEW_USER))
                .withAll("segments", Pages.fields(ctx, "segments")).withAll("excludeSegments", Pages.fields(ctx, "excludeSegments"));
    }

    /** Step 2 sent: the content is checked; right, the audience step; wrong, the same form with each error at its field. */
    private void checkNew(Context ctx) {
        String channel = channel(ctx);
        Form form = readNew(ctx);
        CampaignContent content = ContentForm.content(channel, form);
        if (!form.hasErrors()) {
            try {
                campaigns.check(form.value("name"), channel, content);
            } catch (InvalidInputException e) {
                ContentForm.file(form, channel, e.errors(), List.of("name"), ContentForm.WHOLE);
            }
        }
        if (form.hasErrors()) {
            ctx.status(422);
            showNew(ctx, channel, form, null);
            return;
        }
        audience.showNew(ctx, channel, form);
    }

    private void showNew(Context ctx, String channel, Form form, CampaignPreview preview) {
        CampaignPreview shown = preview != null ? preview : initialPreview(channel, form);
        List<Map.Entry<String, String>> carried = form.entries().stream()
                .filter(e -> e.getKey().equals("segments") || e.getKey().equals("excludeSegments")).toList();
        Pages.render(ctx, "campaignContent.jte", Pages.chrome(ctx, "New " + channel + " campaign", "campaigns"), "page",
                new Model(channel, form, shown, "/console/new-campaign/" + channel + "/content",
                        "/console/new-campaign/" + channel + "/preview", null, placements.list(), carried));
    }

    /** On first load the preview waits for content (a blank form would only list what is missing). */
    private CampaignPreview initialPreview(String channel, Form form) {
        boolean blank = ContentForm.fields(channel).stream().filter(f -> !List.of("placement", "dismissible", "weight",
                "style.preset").contains(f)).allMatch(f -> form.value(f).isEmpty());
        if (blank) return null;
        Form probe = form.valuesOnly(); // the form shown keeps its own errors; only what cannot be read stops the preview
        CampaignContent content = ContentForm.content(channel, probe);
        return probe.hasErrors() ? null : CampaignPreview.of(campaigns, channel, content, form.value(PREVIEW_USER));
    }

    private void editDraft(Context ctx) {
        Campaign c = draft(ctx);
        showDraft(ctx, c, ContentForm.of(c).with(PREVIEW_USER, firstProfile()), null);
    }

    private void saveDraft(Context ctx) {
        Campaign c = draft(ctx);
        Form form = ContentForm.read(ctx, c.channel()).with(PREVIEW_USER, Pages.field(ctx, PREVIEW_USER));
        CampaignContent content = ContentForm.content(c.channel(), form);
        if (!form.hasErrors()) {
            try {
                campaigns.patch(c.id(), new CampaignPatch(Change.to(form.value("name")), Change.absent(), Change.absent(),
                        Change.to(content), Change.absent()));
                Pages.seeOther(ctx, "/console/campaigns/" + c.id() + "/audience");
                return;
            } catch (InvalidInputException e) {
                ContentForm.file(form, c.channel(), e.errors(), List.of("name"), ContentForm.WHOLE);
            }
        }
        ctx.status(422);
        showDraft(ctx, c, form, null);
    }

    private void showDraft(Context ctx, Campaign c, Form form, CampaignPreview preview) {
        CampaignPreview shown = preview != null ? preview : initialPreview(c.channel(), form);
        Pages.render(ctx, "campaignContent.jte", Pages.chrome(ctx, c.name(), "campaigns"), "page",
                new Model(c.channel(), form, shown, "/console/campaigns/" + c.id() + "/content",
                        "/console/campaigns/" + c.id() + "/preview", c, placements.list(), List.of()));
    }

    /** htmx, as the content is typed: the preview, and every field's error swapped in under it. */
    private void preview(Context ctx, String channel) {
        Form form = ContentForm.read(ctx, channel);
        CampaignContent content = ContentForm.content(channel, form); // a field that cannot be read is an error on the form
        CampaignPreview preview = form.hasErrors() ? null
                : CampaignPreview.of(campaigns, channel, content, Pages.field(ctx, PREVIEW_USER));
        if (preview != null) {
            // while typing, a field still empty is not marked as wrong yet: the preview lists what is missing instead
            ContentForm.file(form, channel, preview.problems().stream().filter(e -> !form.value(
                    ContentForm.fieldOf(channel, e, List.of(), ContentForm.WHOLE)).isEmpty()).toList(), List.of(), ContentForm.WHOLE);
        }
        Pages.renderPart(ctx, "campaignPreviewPart.jte", "part", new PreviewPart(channel, form, preview,
                ContentForm.fields(channel)));
    }
}
