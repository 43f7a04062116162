package dev.audience.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.banner.BannerAction;
import dev.audience.banner.BannerServing;
import dev.audience.banner.BannerTracking;
import dev.audience.banner.BannerViews;
import dev.audience.banner.IndexedBanner;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.common.Text;
import dev.audience.http.Access;
import dev.audience.http.Json;
import dev.audience.http.JsonFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * /api/v1/banners: which banner each asked placement shows this user now (from the in-memory index, no
 * database), and what users did with banners. Both take a publishable key and answer browsers on any origin
 * (CORS; the key, not the origin, is the credential).
 */
public final class BannersApi {
    static final int MAX_PLACEMENTS = 20;
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

    private final BannerServing serving;
    private final BannerViews views;
    private final BannerTracking tracking;
    private final Function<String, Optional<Integer>> ordinalOf;
    private final Clock clock;
    private final long maxBody;

    /** {@code ordinalOf} finds an existing user's profile ordinal (empty for a user with no profile). */
    public BannersApi(BannerServing serving, BannerViews views, BannerTracking tracking,
                      Function<String, Optional<Integer>> ordinalOf, Clock clock, long maxBody) {
        this.serving = serving;
        this.views = views;
        this.tracking = tracking;
        this.ordinalOf = ordinalOf;
        this.clock = clock;
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
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
    }

    private void serve(Context ctx) {
        String userId = ctx.queryParam("userId");
        List<String> placements = ctx.queryParams("placement");
        List<FieldError> errors = new ArrayList<>();
        if (userId == null || userId.isEmpty() || userId.length() > 256) {
            errors.add(new FieldError("userId", "is required as a query parameter, at most 256 characters"));
        }
        if (placements.isEmpty()) {
            errors.add(new FieldError("placement", "give at least one, e.g. ?placement=top&placement=sidebar"));
        } else if (placements.size() > MAX_PLACEMENTS) {
            errors.add(new FieldError("placement", "at most " + MAX_PLACEMENTS + " per request, got " + placements.size()));
        }
        for (int i = 0; i < placements.size(); i++) {
            if (!Text.isKey(placements.get(i))) {
                errors.add(new FieldError("placement[" + i + "]", "is not a placement key: " + placements.get(i)));
            }
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        int ordinal = ordinalOf.apply(userId).orElse(-1);
        Instant now = clock.instant();
        Predicate<IndexedBanner> blocked = views.blockedFor(userId, LocalDate.ofInstant(now, ZoneOffset.UTC));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * placements.size());
        out.writeBytes(("{\"userId\":" + Text.jsonString(userId) + ",\"banners\":{").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < placements.size(); i++) {
            String p = placements.get(i);
            if (i > 0) out.write(',');
            out.writeBytes(Text.jsonString(p).getBytes(StandardCharsets.UTF_8));
            out.write(':');
            Optional<IndexedBanner> chosen = serving.choose(p, ordinal, now, blocked, ThreadLocalRandom.current());
            out.writeBytes(chosen.map(IndexedBanner::encoded).orElse(NULL));
        }
        out.writeBytes("}}".getBytes(StandardCharsets.UTF_8));
        ctx.contentType("application/json").result(out.toByteArray());
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
