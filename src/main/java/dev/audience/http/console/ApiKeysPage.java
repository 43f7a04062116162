package dev.audience.http.console;

import dev.audience.apikey.ApiKey;
import dev.audience.apikey.ApiKeyKind;
import dev.audience.apikey.ApiKeyService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/**
 * Settings → API keys (admins only): the list (prefix, kind, when made, revoked), a new key shown once (in the answer
 * to the POST, never in a URL or a later page), and revoke.
 */
public final class ApiKeysPage {
    private final ApiKeyService keys;

    ApiKeysPage(ApiKeyService keys) {
        this.keys = keys;
    }

    /** {@code newKey}: the key just made, on this one page only; {@code kindError}: a kind that is not one. */
    public record Model(List<ApiKey> keys, String newKey, ApiKeyKind newKind, String kindError) {}

    void register(RoutesConfig r) {
        r.get("/console/settings/api-keys", ctx -> show(ctx, new Model(keys.list(), null, null, null)), ConsoleAccess.ADMIN);
        r.post("/console/settings/api-keys", this::create, ConsoleAccess.ADMIN);
        r.post("/console/settings/api-keys/{id}/revoke", this::revoke, ConsoleAccess.ADMIN);
    }

    private void show(Context ctx, Model model) {
        Pages.render(ctx, "apiKeys.jte", Pages.chrome(ctx, "API keys", "settings"), "page", model);
    }

    private void create(Context ctx) {
        ApiKeyKind kind = ApiKeyKind.fromWire(Pages.field(ctx, "kind")).orElse(null);
        if (kind == null) {
            ctx.status(422);
            show(ctx, new Model(keys.list(), null, null, "must be secret or publishable"));
            return;
        }
        String key = keys.create(kind);
        ctx.status(201);
        show(ctx, new Model(keys.list(), key, kind, null));
    }

    private void revoke(Context ctx) {
        keys.revoke(ctx.pathParam("id"));
        Pages.seeOther(ctx, "/console/settings/api-keys");
    }
}
