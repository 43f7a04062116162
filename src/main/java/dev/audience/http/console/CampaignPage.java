package dev.audience.http.console;

import dev.audience.banner.BannerStats;
import dev.audience.banner.BannerTracking;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.CampaignStatus;
import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.delivery.Delivery;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.delivery.DeliveryState;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import dev.audience.segment.Segment;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One campaign: its status and audience; while it sends, a progress bar and the counts by outcome that htmx keeps
 * fresh; its messages from the ledger, page by page and by state (failures with their reasons, each push row with
 * its devices); a banner's results (impressions, unique viewers, clicks, click rate, per day); the message itself;
 * and cancel.
 */
public final class CampaignPage {
    static final int ROWS = 50;
    static final ZoneId UTC = ZoneId.of("UTC");

    private final CampaignService campaigns;
    private final SegmentService segments;
    private final DeliveryLedger ledger;
    private final ProfileStore profiles;
    private final BannerTracking banners;

    CampaignPage(CampaignService campaigns, SegmentService segments, DeliveryLedger ledger, ProfileStore profiles,
                 BannerTracking banners) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.ledger = ledger;
        this.profiles = profiles;
        this.banners = banners;
    }

    /**
     * The live part: status, progress, counts by state, opens and clicks, and the page of messages shown. While the
     * campaign may still change ({@code polling}) htmx asks for it again every two seconds, with the same state filter,
     * page and zone ({@code query}). Cancel is in it too, so that it goes away when the campaign has finished.
     */
    public record Live(Campaign campaign, Progress progress, long opened, long clicked, ZoneId zone, Messages messages,
                       boolean canEdit, String csrf, String cancelError) {
        public boolean polling() {
            return campaign.status() == CampaignStatus.SCHEDULED || campaign.status() == CampaignStatus.SENDING;
        }

        public String query() {
            return "zone=" + Format.url(zone.getId()) + (messages.state() == null ? "" : "&state=" + messages.state().wireName())
                    + (messages.after() == 0 ? "" : "&after=" + messages.after());
        }
    }

    /** A ledger row with its profile's userId (null when erased) and, for push, the devices it went to. */
    public record Row(Delivery delivery, String userId, List<DeliveryLedger.Attempt> devices) {}

    /** One page of ledger rows (after the row {@code after}), in one state or all; {@code next}: the next page's cursor. */
    public record Messages(DeliveryState state, long after, List<Row> rows, Long next) {
        public boolean first() {
            return after == 0;
        }
    }

    public record Model(Campaign campaign, Map<String, String> segmentNames, Live live, BannerStats stats, BannerChart chart,
                        CampaignPreview preview, ZoneId zone, String cancelError) {
        public boolean mayDelete() {
            return CampaignPage.mayDelete(campaign);
        }

        public String segmentName(String key) {
            return segmentNames.getOrDefault(key, key);
        }

    }

    void register(RoutesConfig r) {
        r.get("/console/campaigns/{id}", ctx -> show(ctx, null), ConsoleAccess.VIEWER);
        r.get("/console/campaigns/{id}/progress", ctx -> Pages.renderPart(ctx, "campaignLive.jte", "live",
                live(ctx, campaigns.get(ctx.pathParam("id")), null)), ConsoleAccess.VIEWER);
        r.post("/console/campaigns/{id}/cancel", this::cancel, ConsoleAccess.EDITOR);
        r.post("/console/campaigns/{id}/duplicate", this::duplicate, ConsoleAccess.EDITOR);
        r.get("/console/campaigns/{id}/delete", ctx -> confirm(campaigns.get(ctx.pathParam("id"))).show(ctx, "campaigns"),
                ConsoleAccess.EDITOR);
        r.post("/console/campaigns/{id}/delete", this::delete, ConsoleAccess.EDITOR);
    }

    /** A new draft with the same content and audience; its page opens (a refusal shows there, as cancel's does). */
    private void duplicate(Context ctx) {
        try {
            Campaign copy = campaigns.duplicate(ctx.pathParam("id"));
            Pages.seeOther(ctx, "/console/campaigns/" + copy.id());
        } catch (InvalidInputException e) {
            ctx.status(422);
            show(ctx, "The copy could not be made: " + e.getMessage());
        }
    }

    private static Confirmation confirm(Campaign c) {
        return new Confirmation("Delete " + c.name() + "?", "The " + c.channel() + " campaign " + c.name()
                + " goes, with its test sends" + (c.isBanner() ? " and tests" : "") + ".",
                "A campaign that sent a message or showed a banner is kept for its record and cannot be deleted; "
                        + "a scheduled, sending or active one must be cancelled first.",
                "/console/campaigns/" + c.id() + "/delete", "Delete the campaign", "/console/campaigns/" + c.id(), null);
    }

    private void delete(Context ctx) {
        Campaign c = campaigns.get(ctx.pathParam("id"));
        try {
            campaigns.delete(c.id());
            Pages.seeOther(ctx, "/console/campaigns?deleted=" + Format.url(c.name()));
        } catch (ConflictException refused) {
            ctx.status(409);
            confirm(c).refused(refused.getMessage()).show(ctx, "campaigns");
        }
    }

    /** Whether the page offers Delete: what {@link CampaignService#delete} may allow (it decides). */
    static boolean mayDelete(Campaign c) {
        return c.startedAt() == null && c.status() != CampaignStatus.SCHEDULED && c.status() != CampaignStatus.SENDING
                && c.status() != CampaignStatus.ACTIVE;
    }

    private void show(Context ctx, String cancelError) {
        Campaign c = campaigns.get(ctx.pathParam("id"));
        ZoneId zone = zone(ctx, c);
        Map<String, String> names = segments.list().stream().map(SegmentView::segment)
                .collect(Collectors.toMap(Segment::key, Segment::name));
        BannerStats stats = c.isBanner() ? banners.stats(c.id()) : null;
        String previewAs = ctx.queryParam("userId") != null ? ctx.queryParam("userId") : firstProfile();
        Pages.render(ctx, "campaign.jte", Pages.chrome(ctx, c.name(), "campaigns"), "page", new Model(c, names,
                c.isBanner() ? null : live(ctx, c, cancelError), stats,
                stats == null ? null : BannerChart.of(stats.days()),
                CampaignPreview.ofSaved(campaigns, c.id(), c.content(), previewAs), zone, cancelError));
    }

    /** The zone to show times in: {@code ?zone=}, else the one the send was scheduled in, else UTC. */
    private static ZoneId zone(Context ctx, Campaign c) {
        String z = ctx.queryParam("zone");
        if (z == null || z.isBlank()) return c.sendTimeZone() == null ? UTC : c.sendTimeZone();
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            return c.sendTimeZone() == null ? UTC : c.sendTimeZone();
        }
    }

    private String firstProfile() {
        List<String> first = segments.members(Segment.EVERYONE, 1, -1).userIds();
        return first.isEmpty() ? "" : first.get(0);
    }

    private Live live(Context ctx, Campaign c, String cancelError) {
        long[] engagement = ledger.engagement(c.id());
        var signedIn = Pages.user(ctx);
        return new Live(c, Progress.of(ledger.counts(c.id())), engagement[0], engagement[1], zone(ctx, c), messages(ctx, c),
                signedIn.user().role().atLeast(dev.audience.user.Role.EDITOR), signedIn.session().csrfToken(), cancelError);
    }

    private Messages messages(Context ctx, Campaign c) {
        DeliveryState state = DeliveryState.fromWire(ctx.queryParam("state")).orElse(null);
        long after = ctx.queryParamAsClass("after", Long.class).getOrDefault(0L);
        List<Delivery> page = ledger.page(c.id(), state, after, ROWS);
        Map<Integer, String> userIds = profiles.byOrdinals(page.stream().mapToInt(Delivery::ordinal).toArray()).stream()
                .collect(Collectors.toMap(Profile::ordinal, Profile::userId));
        Map<Long, List<DeliveryLedger.Attempt>> devices = Campaign.PUSH.equals(c.channel())
                ? ledger.attempts(page.stream().map(Delivery::id).toList()).stream()
                        .collect(Collectors.groupingBy(DeliveryLedger.Attempt::deliveryId))
                : Map.of();
        List<Row> rows = page.stream().map(d -> new Row(d, userIds.get(d.ordinal()), devices.getOrDefault(d.id(), List.of())))
                .toList();
        Long next = page.size() == ROWS ? page.get(page.size() - 1).id() : null;
        return new Messages(state, after, rows, next);
    }

    private void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            campaigns.cancel(id);
        } catch (ConflictException e) {
            ctx.status(409);
            show(ctx, e.getMessage());
            return;
        }
        Pages.seeOther(ctx, "/console/campaigns/" + id);
    }
}
