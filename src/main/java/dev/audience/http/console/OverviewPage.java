package dev.audience.http.console;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.CampaignStatus;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The first page after sign-in: what is sending now and how far, what was sent, what comes next, banners, segments. */
public final class OverviewPage {
    private final CampaignService campaigns;
    private final SegmentService segments;

    OverviewPage(CampaignService campaigns, SegmentService segments) {
        this.campaigns = campaigns;
        this.segments = segments;
    }

    /** A campaign sending now and how far it has come. */
    public record Sending(Campaign campaign, Progress progress) {}

    public record Model(List<Sending> sending, List<Campaign> recentlySent, List<Campaign> upcoming,
                        List<Campaign> activeBanners, List<SegmentView> segments) {}

    void register(RoutesConfig r) {
        r.get("/console", this::show, ConsoleAccess.VIEWER);
    }

    private void show(Context ctx) {
        Pages.render(ctx, "overview.jte", Pages.chrome(ctx, "Overview", "overview"), "page", model());
    }

    Model model() {
        List<Campaign> all = campaigns.list();
        List<Sending> sending = all.stream().filter(c -> c.status() == CampaignStatus.SENDING)
                .map(c -> new Sending(c, Progress.of(campaigns.counts(c.id())))).toList();
        List<Campaign> sent = all.stream().filter(c -> c.status() == CampaignStatus.SENT)
                .sorted(Comparator.comparing(Campaign::finishedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(5).toList();
        List<Campaign> upcoming = all.stream().filter(c -> c.status() == CampaignStatus.SCHEDULED)
                .sorted(Comparator.comparing(Campaign::sendAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
                .limit(10).toList();
        List<Campaign> banners = all.stream().filter(c -> c.isBanner() && c.status() == CampaignStatus.ACTIVE).toList();
        List<SegmentView> sizes = segments.list().stream()
                .sorted(Comparator.comparingLong(SegmentView::size).reversed()).toList();
        return new Model(sending, sent, upcoming, banners, sizes);
    }
}
