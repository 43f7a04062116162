package dev.audience.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.banner.BannerAction;
import dev.audience.banner.BannerTracking;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.http.Access;
import dev.audience.http.Json;
import dev.audience.http.JsonFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * /api/v1/banners: which banner each asked placement shows this user now (from the in-memory index, no
 * database), and what users did with banners. Both take a publishable key and answer browsers on any origin
 * (CORS; the key, not the origin, is the credential).
 */
public final class BannersApi {
    private final BannerAnswers answers;
    private final BannerTracking tracking;
    private final long maxBody;

    public BannersApi(BannerAnswers answers, BannerTracking tracking, long maxBody) {
        this.answers = answers;
        this.tracking = tracking;
        this.maxBody = maxBody;
    }

    public void register(RoutesConfig r) {
        r.before("/api/v1/banners", BannersApi::cors);
        r.before("/api/v1/banners/*", BannersApi::cors);
        r.options("/api/v1/banners", ctx -> ctx.status(204), Access.PUBLIC);
        r.options("/api/v1/banners/{id}/events", ctx -> ctx.status(204), Access.PUBLIC);
        r.get("/api/v1/banners", this::serve, Access.PUBLISHABLE);
        r.post("/api/v1/banners/{id}/events", this::event, Access.PUBLISHABLE);
    }

    /** Every answer, errors included, is readable by a page on any origin; preflights are cached ten minutes. */
    private static void cors(Context ctx) {
        CORS.forEach(ctx::header);
    }

    /** The CORS headers of every banner answer. */
    public static final Map<String, String> CORS = Map.of("Access-Control-Allow-Origin", "*",
            "Access-Control-Allow-Methods", "GET, POST, OPTIONS", "Access-Control-Allow-Headers", "Authorization, Content-Type",
            "Access-Control-Max-Age", "600");

    private void serve(Context ctx) {
        String userId = ctx.queryParam("userId");
        List<String> placements = ctx.queryParams("placement");
        List<FieldError> errors = BannerAnswers.problems(userId, placements);
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        ctx.contentType("application/json").result(answers.answer(userId, placements));
    }

    private void event(Context ctx) {
        JsonNode body = Json.body(ctx, maxBody);
        JsonFields f = JsonFields.of(body, Set.of("type", "userId"));
        String type = f.string("type", true);
        String userId = f.string("userId", true);
        Optional<BannerAction> action = type == null ? Optional.empty() : BannerAction.fromWire(type);
        if (type != null && action.isEmpty()) f.errors().add(new FieldError("type", "must be impression, click or dismiss"));
        if (!f.ok()) throw new InvalidInputException(f.errors());
        tracking.record(ctx.pathParam("id"), userId, action.get());
        ctx.status(202).json(Map.of("bannerId", ctx.pathParam("id"), "type", type, "userId", userId));
    }
}
