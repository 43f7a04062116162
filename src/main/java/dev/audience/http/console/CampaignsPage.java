package dev.audience.http.console;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.CampaignStatus;
import dev.audience.delivery.DeliveryLedger;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Campaigns → the list, by status (one tab each, with how many are in it), newest change first. */
public final class CampaignsPage {
    private final CampaignService campaigns;
    private final DeliveryLedger ledger;

    CampaignsPage(CampaignService campaigns, DeliveryLedger ledger) {
        this.campaigns = campaigns;
        this.ledger = ledger;
    }

    /** A campaign in the list; {@code progress} only for one sending or sent (its messages settled so far). */
    public record Row(Campaign campaign, Progress progress) {}

    /** {@code status}: the tab shown (null = all). */
    /** {@code deleted}: the name of a campaign just deleted (null otherwise). */
    public record Model(List<Row> rows, Map<CampaignStatus, Long> counts, long total, CampaignStatus status, String deleted) {
        public List<CampaignStatus> tabs() {
            return List.copyOf(counts.keySet());
        }
    }

    void register(RoutesConfig r) {
        r.get("/console/campaigns", this::list, ConsoleAccess.VIEWER);
    }

    private void list(Context ctx) {
        CampaignStatus status = CampaignStatus.fromWire(ctx.queryParam("status")).orElse(null);
        List<Campaign> all = campaigns.list().stream()
                .sorted(Comparator.comparing(Campaign::updatedAt).reversed()).toList();
        Map<CampaignStatus, Long> counts = new EnumMap<>(CampaignStatus.class);
        all.forEach(c -> counts.merge(c.status(), 1L, Long::sum));
        List<Row> rows = all.stream().filter(c -> status == null || c.status() == status).map(this::row).toList();
        Pages.render(ctx, "campaigns.jte", Pages.chrome(ctx, "Campaigns", "campaigns"), "page",
                new Model(rows, counts, all.size(), status, ctx.queryParam("deleted")));
    }

    private Row row(Campaign c) {
        boolean counted = !c.isBanner() && (c.status() == CampaignStatus.SENDING || c.status() == CampaignStatus.SENT);
        return new Row(c, counted ? Progress.of(ledger.counts(c.id())) : null);
    }
}
