package dev.audience.http.api;

import dev.audience.banner.Placement;
import dev.audience.banner.PlacementService;
import dev.audience.common.Change;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.http.Access;
import dev.audience.http.Json;
import dev.audience.http.JsonFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** /api/v1/placements: the named places banners show in (secret key); created, described anew, deleted. */
public final class PlacementsApi {
    private static final Set<String> FIELDS = Set.of("key", "description");

    private final PlacementService service;
    private final long maxBody;

    public PlacementsApi(PlacementService service, long maxBody) {
        this.service = service;
        this.maxBody = maxBody;
    }

    public void register(RoutesConfig r) {
        r.get("/api/v1/placements", ctx -> ctx.json(Map.of("placements",
                service.list().stream().map(PlacementsApi::placement).toList())), Access.SECRET);
        r.get("/api/v1/placements/{key}", ctx -> ctx.json(placement(service.get(ctx.pathParam("key")))), Access.SECRET);
        r.post("/api/v1/placements", this::create, Access.SECRET);
        r.patch("/api/v1/placements/{key}", this::describe, Access.SECRET);
        r.delete("/api/v1/placements/{key}", ctx -> {
            service.delete(ctx.pathParam("key"));
            ctx.status(204);
        }, Access.SECRET);
    }

    /** Only the description changes: the key is how apps and banners name the placement. */
    private void describe(Context ctx) {
        JsonFields f = JsonFields.of(Json.body(ctx, maxBody), Set.of("description"));
        if (!f.has("description") && f.ok()) f.errors().add(new FieldError("description", "is required"));
        Change<String> d = f.nullableString("description");
        if (!f.ok()) throw new InvalidInputException(f.errors());
        ctx.json(placement(service.describe(ctx.pathParam("key"), d.orElse(null))));
    }

    private void create(Context ctx) {
        JsonFields f = JsonFields.of(Json.body(ctx, maxBody), FIELDS);
        String key = f.string("key", true);
        String description = f.string("description", false);
        if (!f.ok()) throw new InvalidInputException(f.errors());
        ctx.status(201).json(placement(service.create(key, description)));
    }

    static Map<String, Object> placement(Placement p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", p.key());
        m.put("description", p.description());
        m.put("createdAt", p.createdAt().toString());
        return m;
    }
}
