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

import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Placements: where banners show in the customer's app; the list with the banners of each, a new one, a new
 * description, and delete (refused while a banner may still show there).
 */
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

    /** {@code rowKey}/{@code rowError}: a new description refused, shown in its placement's row. */
    public record Model(List<Row> rows, Form form, String created, String deleted, String rowKey, String rowError) {}

    void register(RoutesConfig r) {
        r.get("/console/placements", ctx -> show(ctx, Form.empty()), ConsoleAccess.VIEWER);
        r.post("/console/placements", this::create, ConsoleAccess.EDITOR);
        r.post("/console/placements/{key}/description", this::describe, ConsoleAccess.EDITOR);
        r.get("/console/placements/{key}/delete", ctx -> confirm(placements.get(ctx.pathParam("key"))).show(ctx, "placements"),
                ConsoleAccess.EDITOR);
        r.post("/console/placements/{key}/delete", this::delete, ConsoleAccess.EDITOR);
    }

    private void describe(Context ctx) {
        String key = placements.get(ctx.pathParam("key")).key();
        try {
            placements.describe(key, Pages.field(ctx, "description"));
            Pages.seeOther(ctx, "/console/placements");
        } catch (InvalidInputException e) {
            ctx.status(422);
            show(ctx, Form.empty(), key, "Description " + e.errors().get(0).message());
        }
    }

    private static Confirmation confirm(Placement p) {
        return new Confirmation("Delete the placement " + p.key() + "?", "Elements of your app marked data-audience-placement=\""
                + p.key() + "\" will show nothing. A placement that a draft, scheduled or active banner uses cannot be deleted.",
                null, "/console/placements/" + p.key() + "/delete", "Delete the placement", "/console/placements", null);
    }

    private void delete(Context ctx) {
        Placement p = placements.get(ctx.pathParam("key"));
        try {
            placements.delete(p.key());
            Pages.seeOther(ctx, "/console/placements?deleted=" + Format.url(p.key()));
        } catch (ConflictException refused) {
            ctx.status(409);
            confirm(p).refused(refused.getMessage()).show(ctx, "placements");
        }
    }

    private void show(Context ctx, Form form) {
        show(ctx, form, null, null);
    }

    private void show(Context ctx, Form form, String rowKey, String rowError) {
        Map<String, List<Campaign>> byPlacement = campaigns.list().stream().filter(Campaign::isBanner)
                .sorted(java.util.Comparator.comparing(Campaign::createdAt).reversed())
                .collect(Collectors.groupingBy(c -> ((BannerContent) c.content()).placement()));
        List<Row> rows = placements.list().stream().map(p -> new Row(p, byPlacement.getOrDefault(p.key(), List.of()))).toList();
        Pages.render(ctx, "placements.jte", Pages.chrome(ctx, "Placements", "placements"), "page",
                new Model(rows, form, ctx.queryParam("created"), ctx.queryParam("deleted"), rowKey, rowError));
    }

    private void create(Context ctx) {
        Form form = Form.empty().with("key", Pages.field(ctx, "key")).with("description", Pages.field(ctx, "description"));
        Optional<Placement> created = form.save(() -> placements.create(form.value("key"), form.value("description")),
                FIELDS, "key");
        if (created.isPresent()) {
            Pages.seeOther(ctx, "/console/placements?created=" + Format.url(created.get().key()));
            return;
        }
        ctx.status(422);
        show(ctx, form);
    }
}
