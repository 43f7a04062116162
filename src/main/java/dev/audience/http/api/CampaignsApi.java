package dev.audience.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignPatch;
import dev.audience.campaign.CampaignService;
import dev.audience.banner.BannerStats;
import dev.audience.banner.BannerTracking;
import dev.audience.campaign.BannerContent;
import dev.audience.campaign.CampaignContent;
import dev.audience.campaign.EmailContent;
import dev.audience.campaign.PushContent;
import dev.audience.campaign.SendPlan;
import dev.audience.common.Change;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.delivery.Delivery;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.delivery.DeliveryState;
import dev.audience.http.Access;
import dev.audience.http.Json;
import dev.audience.http.JsonFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /api/v1/campaigns: drafts, preview, send plan, test-send, schedule (with the time zone it was chosen in), cancel,
 * delete, duplicate, counts and the ledger.
 */
public final class CampaignsApi {
    private static final Set<String> CREATE = Set.of("name", "channel", "segments", "excludeSegments", "content", "expiresAt",
            "weight", "maxImpressionsPerDay");
    private static final Set<String> PATCH = Set.of("name", "segments", "excludeSegments", "content", "expiresAt", "weight",
            "maxImpressionsPerDay");
    private static final Set<String> CONTENT = Set.of("fromName", "fromEmail", "replyTo", "subject", "text", "html");
    private static final Set<String> BANNER = Set.of("placement", "title", "body", "imageUrl", "cta", "style", "dismissible");
    /** A banner's weight when the request gives none: the middle, so others can rank above and below it. */
    static final int DEFAULT_WEIGHT = 50;

    private final CampaignService campaigns;
    private final DeliveryLedger ledger;
    private final BannerTracking banners;
    private final Runnable wake;
    private final long maxBody;

    public CampaignsApi(CampaignService campaigns, DeliveryLedger ledger, BannerTracking banners, Runnable wake, long maxBody) {
        this.campaigns = campaigns;
        this.ledger = ledger;
        this.banners = banners;
        this.wake = wake;
        this.maxBody = maxBody;
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/campaigns", this::create, Access.SECRET);
        r.get("/api/v1/campaigns", ctx -> ctx.json(Map.of("campaigns",
                campaigns.list().stream().map(this::representation).toList())), Access.SECRET);
        r.get("/api/v1/campaigns/{id}", ctx -> ctx.json(representation(campaigns.get(ctx.pathParam("id")))), Access.SECRET);
        r.patch("/api/v1/campaigns/{id}", this::patch, Access.SECRET);
        r.get("/api/v1/campaigns/{id}/preview", this::preview, Access.SECRET);
        r.get("/api/v1/campaigns/{id}/plan", this::plan, Access.SECRET);
        r.post("/api/v1/campaigns/{id}/test-send", this::testSend, Access.SECRET);
        r.post("/api/v1/campaigns/{id}/schedule", this::schedule, Access.SECRET);
        r.post("/api/v1/campaigns/{id}/cancel", ctx -> ctx.json(representation(campaigns.cancel(ctx.pathParam("id")))),
                Access.SECRET);
        r.get("/api/v1/campaigns/{id}/deliveries", this::deliveries, Access.SECRET);
        r.delete("/api/v1/campaigns/{id}", ctx -> {
            campaigns.delete(ctx.pathParam("id"));
            ctx.status(204);
        }, Access.SECRET);
        r.post("/api/v1/campaigns/{id}/duplicate", ctx -> ctx.status(201).json(representation(
                campaigns.duplicate(ctx.pathParam("id")))), Access.SECRET);
    }

    private void create(Context ctx) {
        JsonNode body = Json.body(ctx, maxBody);
        JsonFields f = JsonFields.of(body, CREATE);
        String name = f.string("name", true);
        String channel = f.string("channel", true);
        List<String> segments = keys(body, "segments", f.errors());
        List<String> excluded = keys(body, "excludeSegments", f.errors());
        CampaignContent content = null;
        if (Campaign.BANNER.equals(channel)) {
            content = banner(f, null);
        } else {
            noBannerFields(f);
            if (body != null && body.has("content")) {
                content = Campaign.PUSH.equals(channel) ? PushContentJson.read(body.get("content"), f.errors())
                        : content(body.get("content"), f.errors());
            }
        }
        Instant expiresAt = f.instant("expiresAt");
        if (!f.ok()) throw new InvalidInputException(f.errors());
        Campaign c = campaigns.create(new CampaignDraft(name, channel, segments, excluded, content, expiresAt));
        ctx.status(201).json(representation(c));
    }

    private void patch(Context ctx) {
        JsonNode body = Json.body(ctx, maxBody);
        JsonFields f = JsonFields.of(body, PATCH);
        Change<String> name = f.has("name") ? Change.to(f.string("name", true)) : Change.absent();
        Change<List<String>> segments = f.has("segments") ? Change.to(keys(body, "segments", f.errors())) : Change.absent();
        Change<List<String>> excluded = f.has("excludeSegments")
                ? Change.to(keys(body, "excludeSegments", f.errors())) : Change.absent();
        Change<CampaignContent> content = Change.absent();
        Campaign current = campaigns.get(ctx.pathParam("id"));
        if (current.content() instanceof BannerContent b) {
            if (f.has("content") || f.has("weight") || f.has("maxImpressionsPerDay")) content = Change.to(banner(f, b));
        } else {
            noBannerFields(f);
            if (f.has("content")) {
                content = Change.to(current.content() instanceof PushContent ? PushContentJson.read(body.get("content"), f.errors())
                        : content(body.get("content"), f.errors()));
            }
        }
        Change<Instant> expiresAt = f.has("expiresAt") ? Change.to(f.instant("expiresAt")) : Change.absent();
        if (!f.ok()) throw new InvalidInputException(f.errors());
        ctx.json(representation(campaigns.patch(ctx.pathParam("id"),
                new CampaignPatch(name, segments, excluded, content, expiresAt))));
    }

    private void preview(Context ctx) {
        String userId = ctx.queryParam("userId");
        if (userId == null || userId.isEmpty()) throw new InvalidInputException("userId", "is required as a query parameter");
        ctx.json(campaigns.preview(ctx.pathParam("id"), userId));
    }

    private void plan(Context ctx) {
        SendPlan p = campaigns.plan(ctx.pathParam("id"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("audience", p.audience());
        m.put("reachable", p.reachable());
        m.put("skipped", p.skipped());
        m.put("excluded", p.excluded());
        m.put("estimatedSeconds", p.estimatedSeconds());
        m.put("segmentVersions", p.segmentVersions());
        ctx.json(m);
    }

    private void testSend(Context ctx) {
        JsonNode body = Json.body(ctx, maxBody);
        JsonFields f = JsonFields.of(body, Set.of("segment", "userIds"));
        String segment = f.string("segment", false);
        List<String> userIds = body != null && body.has("userIds") ? keys(body, "userIds", f.errors()) : null;
        if (userIds != null && userIds.size() > 50) f.errors().add(new FieldError("userIds", "at most 50 for a test send"));
        if (!f.ok()) throw new InvalidInputException(f.errors());
        CampaignService.TestSend t = campaigns.testSend(ctx.pathParam("id"), segment, userIds);
        wake.run();
        ctx.status(202).json(Map.of("testRun", t.run(), "queued", t.queued(), "skipped", t.skipped(), "unknown", t.unknown()));
    }

    private void schedule(Context ctx) {
        byte[] raw = Json.bodyBytesOrEmpty(ctx, maxBody);
        Instant sendAt = null;
        ZoneId zone = null;
        if (raw.length > 0) {
            JsonFields f = JsonFields.of(Json.parse(raw), Set.of("sendAt", "sendTimeZone"));
            sendAt = f.instant("sendAt");
            zone = zone(f.string("sendTimeZone", false), f.errors());
            if (!f.ok()) throw new InvalidInputException(f.errors());
        }
        ctx.json(representation(campaigns.schedule(ctx.pathParam("id"), sendAt, zone)));
    }

    /** An IANA time zone name (Europe/Paris, America/New_York, UTC), or null when absent; offsets are not zones. */
    private static ZoneId zone(String name, List<FieldError> errors) {
        if (name == null) return null;
        if (!ZoneId.getAvailableZoneIds().contains(name)) {
            errors.add(new FieldError("sendTimeZone", "must be an IANA time zone name such as Europe/Paris, "
                    + "America/New_York or UTC; was \"" + name + "\""));
            return null;
        }
        return ZoneId.of(name);
    }

    private void deliveries(Context ctx) {
        Campaign campaign = campaigns.get(ctx.pathParam("id"));
        String id = campaign.id();
        String status = ctx.queryParam("status");
        DeliveryState state = null;
        if (status != null && !status.isEmpty()) {
            state = DeliveryState.fromWire(status).orElseThrow(() -> new InvalidInputException("status",
                    "must be one of queued, sending, sent, retrying, failed, skipped, cancelled, expired, unknown"));
        }
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        long cursor = Queries.intParam(ctx, "cursor", 0, 0, Integer.MAX_VALUE);
        List<Delivery> page = ledger.page(id, state, cursor, limit);
        Map<Long, List<Map<String, Object>>> devices = new java.util.HashMap<>();
        if (Campaign.PUSH.equals(campaign.channel())) {
            for (DeliveryLedger.Attempt a : ledger.attempts(page.stream().map(Delivery::id).toList())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("attempt", a.attempt());
                m.put("token", a.token());
                m.put("platform", a.platform());
                m.put("outcome", a.outcome());
                m.put("reply", a.reply());
                m.put("at", a.at().toString());
                devices.computeIfAbsent(a.deliveryId(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Delivery d : page) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("ordinal", d.ordinal());
            m.put("address", d.address());
            m.put("status", d.state().wireName());
            m.put("attempts", d.attempts());
            m.put("reason", d.reason());
            m.put("updatedAt", d.updatedAt().toString());
            if (Campaign.PUSH.equals(campaign.channel())) m.put("devices", devices.getOrDefault(d.id(), List.of()));
            rows.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveries", rows);
        body.put("nextCursor", page.size() == limit ? String.valueOf(page.get(page.size() - 1).id()) : null);
        ctx.json(body);
    }

    private Map<String, Object> representation(Campaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("channel", c.channel());
        m.put("segments", c.segments());
        m.put("excludeSegments", c.excludeSegments());
        if (c.content() instanceof BannerContent b) {
            m.put("content", BannerJson.content(b)); // weight and cap sit beside it, at the top level
            m.put("weight", b.weight());
            m.put("maxImpressionsPerDay", b.maxImpressionsPerDay());
        } else {
            m.put("content", c.content());
        }
        m.put("status", c.status().wireName());
        m.put("statusReason", c.statusReason());
        m.put("sendAt", text(c.sendAt()));
        m.put("sendTimeZone", c.sendTimeZone() == null ? null : c.sendTimeZone().getId());
        m.put("expiresAt", text(c.expiresAt()));
        m.put("segmentVersions", c.snapshotVersions());
        m.put("createdAt", text(c.createdAt()));
        m.put("updatedAt", text(c.updatedAt()));
        m.put("startedAt", text(c.startedAt()));
        m.put("finishedAt", text(c.finishedAt()));
        if (c.isBanner()) {
            m.put("stats", stats(banners.stats(c.id())));
            return m;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeliveryState s : DeliveryState.values()) counts.put(s.wireName(), 0L);
        ledger.counts(c.id()).forEach((s, n) -> counts.put(s.wireName(), n));
        m.put("counts", counts);
        long[] engagement = ledger.engagement(c.id());
        m.put("opened", engagement[0]);
        m.put("clicked", engagement[1]);
        return m;
    }

    private static Map<String, Object> stats(BannerStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("impressions", s.impressions());
        m.put("uniqueViewers", s.uniqueViewers());
        m.put("clicks", s.clicks());
        m.put("clickRate", s.clickRate());
        m.put("dismissals", s.dismissals());
        m.put("byDay", s.days().stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", d.day().toString());
            day.put("impressions", d.impressions());
            day.put("clicks", d.clicks());
            day.put("dismissals", d.dismissals());
            return day;
        }).toList());
        return m;
    }

    private static void noBannerFields(JsonFields f) {
        for (String field : List.of("weight", "maxImpressionsPerDay")) {
            if (f.has(field)) f.errors().add(new FieldError(field, "is only for banner campaigns"));
        }
    }

    /**
     * A banner's content from the request: {@code content} replaces {@code current}'s whole content when
     * given (it is required when there is no current one); weight and cap change on their own. A JSON null
     * cap removes the cap.
     */
    private static BannerContent banner(JsonFields top, BannerContent current) {
        Integer weight = top.integer("weight", 1, 100);
        boolean capCleared = top.isNull("maxImpressionsPerDay");
        Integer cap = capCleared ? null : top.integer("maxImpressionsPerDay", 1, Integer.MAX_VALUE);
        JsonNode node = top.objectNode("content");
        BannerContent base = current;
        if (node != null) {
            JsonFields f = JsonFields.of(node, BANNER);
            BannerContent.Cta cta = null;
            JsonNode ctaNode = f.objectNode("cta");
            if (ctaNode != null) {
                JsonFields c = JsonFields.of(ctaNode, Set.of("label", "url"));
                cta = new BannerContent.Cta(c.string("label", true), c.string("url", true));
                c.errors().forEach(e -> f.errors().add(e.under("cta")));
            }
            BannerContent.Style style = null;
            JsonNode styleNode = f.objectNode("style");
            if (styleNode != null) {
                JsonFields st = JsonFields.of(styleNode, Set.of("preset", "background", "text", "button"));
                style = new BannerContent.Style(st.string("preset", false), st.string("background", false),
                        st.string("text", false), st.string("button", false));
                st.errors().forEach(e -> f.errors().add(e.under("style")));
            }
            Boolean dismissible = f.bool("dismissible");
            base = new BannerContent(f.string("placement", true), f.string("title", true), f.string("body", false),
                    f.string("imageUrl", false), cta, style, dismissible == null || dismissible,
                    current == null ? DEFAULT_WEIGHT : current.weight(), current == null ? null : current.maxImpressionsPerDay());
            f.errors().forEach(e -> top.errors().add(e.under("content")));
        } else if (current == null) {
            top.errors().add(new FieldError("content", "is required"));
        }
        if (base == null || !top.ok()) return null;
        return new BannerContent(base.placement(), base.title(), base.body(), base.imageUrl(), base.cta(), base.style(),
                base.dismissible(), weight == null ? base.weight() : weight,
                cap != null ? cap : capCleared ? null : base.maxImpressionsPerDay());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static EmailContent content(JsonNode node, List<FieldError> errors) {
        JsonFields f = JsonFields.of(node, CONTENT);
        EmailContent c = new EmailContent(f.string("fromName", true), f.string("fromEmail", true),
                f.string("replyTo", false), f.string("subject", true), f.string("text", true), f.string("html", false));
        f.errors().forEach(e -> errors.add(e.under("content")));
        return f.ok() ? c : null;
    }

    private static List<String> keys(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) return List.of();
        List<String> out = new ArrayList<>();
        if (!node.isArray()) {
            errors.add(new FieldError(field, "must be an array of strings"));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual()) out.add(node.get(i).asText());
            else errors.add(new FieldError(field + "[" + i + "]", "must be a string"));
        }
        return out;
    }
}
