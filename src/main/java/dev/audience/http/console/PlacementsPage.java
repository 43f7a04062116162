package dev.audience.http.console;

import dev.audience.banner.Placement;
import dev.audience.banner.PlacementService;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.BannerContent;
import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Placements: where banners show in the customer's app; the list with the banners of each, and a new one. */
public final class PlacementsPage {
    private static final List<String> FIELDS = List.of("key", "description");

    private final PlacementService placements;
    private final CampaignService campaigns;

    PlacementsPage(PlacementService placements, CampaignService campaigns) {
        this.placements = placements;
        this.campaigns = campaigns;
    }

    /** A placement with the banner campaigns made for it (any status, newest first). */
    public record Row(Placement placement, List<Campaign> banners) {}

    public record Model(List<Row> rows, Form form, String created) {}

    void register(RoutesConfig r) {
        r.get("/console/placements", ctx -> show(ctx, Form.empty()), ConsoleAccess.VIEWER);
        r.post("/console/placements", this::create, ConsoleAccess.EDITOR);
    }

    private void show(Context ctx, Form form) {
        Map<String, List<Campaign>> byPlacement = campaigns.list().stream().filter(Campaign::isBanner)
                .sorted(java.util.Comparator.comparing(Campaign::createdAt).reversed())
                .collect(Collectors.groupingBy(c -> ((BannerContent) c.content()).placement()));
        List<Row> rows = placements.list().stream().map(p -> new Row(p, byPlacement.getOrDefault(p.key(), List.of()))).toList();
        Pages.render(ctx, "placements.jte", Pages.chrome(ctx, "Placements", "placements"), "page",
                new Model(rows, form, ctx.queryParam("created")));
    }

    private void create(Context ctx) {
        Form form = Form.empty().with("key", Pages.field(ctx, "key")).with("description", Pages.field(ctx, "description"));
        try {
            Placement p = placements.create(form.value("key"), form.value("description"));
            Pages.seeOther(ctx, "/console/placements?created=" + Format.url(p.key()));
            return;
        } catch (InvalidInputException e) {
            form.errors(e.errors(), FIELDS, "key");
        } catch (ConflictException e) {
            form.error("key", e.getMessage());
        }
        ctx.status(422);
        show(ctx, form);
    }
}
