package dev.audience.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignPatch;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.EmailContent;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /api/v1/campaigns: drafts, preview, send plan, test-send, schedule, cancel, counts and the ledger. */
public final class CampaignsApi {
    private static final Set<String> CREATE = Set.of("name", "channel", "segments", "excludeSegments", "content", "expiresAt");
    private static final Set<String> PATCH = Set.of("name", "segments", "excludeSegments", "content", "expiresAt");
    private static final Set<String> CONTENT = Set.of("fromName", "fromEmail", "replyTo", "subject", "text", "html");

    private final CampaignService campaigns;
    private final DeliveryLedger ledger;
    private final Runnable wake;
    private final long maxBody;

    public CampaignsApi(CampaignService campaigns, DeliveryLedger ledger, Runnable wake, long maxBody) {
        this.campaigns = campaigns;
        this.ledger = ledger;
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
    }

    private void create(Context ctx) {
        JsonNode body = Json.body(ctx, maxBody);
        JsonFields f = JsonFields.of(body, CREATE);
        String name = f.string("name", true);
        String channel = f.string("channel", true);
        List<String> segments = keys(body, "segments", f.errors());
        List<String> excluded = keys(body, "excludeSegments", f.errors());
        EmailContent content = body != null && body.has("content") ? content(body.get("content"), f.errors()) : null;
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
        Change<EmailContent> content = f.has("content") ? Change.to(content(body.get("content"), f.errors())) : Change.absent();
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
        if (raw.length > 0) {
            JsonFields f = JsonFields.of(Json.parse(raw), Set.of("sendAt"));
            sendAt = f.instant("sendAt");
            if (!f.ok()) throw new InvalidInputException(f.errors());
        }
        ctx.json(representation(campaigns.schedule(ctx.pathParam("id"), sendAt)));
    }

    private void deliveries(Context ctx) {
        String id = campaigns.get(ctx.pathParam("id")).id();
        String status = ctx.queryParam("status");
        DeliveryState state = null;
        if (status != null && !status.isEmpty()) {
            state = DeliveryState.fromWire(status).orElseThrow(() -> new InvalidInputException("status",
                    "must be one of queued, sending, sent, retrying, failed, skipped, cancelled, expired, unknown"));
        }
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        long cursor = Queries.intParam(ctx, "cursor", 0, 0, Integer.MAX_VALUE);
        List<Delivery> page = ledger.page(id, state, cursor, limit);
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
        m.put("content", c.content());
        m.put("status", c.status().wireName());
        m.put("statusReason", c.statusReason());
        m.put("sendAt", text(c.sendAt()));
        m.put("expiresAt", text(c.expiresAt()));
        m.put("segmentVersions", c.snapshotVersions());
        m.put("createdAt", text(c.createdAt()));
        m.put("updatedAt", text(c.updatedAt()));
        m.put("startedAt", text(c.startedAt()));
        m.put("finishedAt", text(c.finishedAt()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeliveryState s : DeliveryState.values()) counts.put(s.wireName(), 0L);
        ledger.counts(c.id()).forEach((s, n) -> counts.put(s.wireName(), n));
        m.put("counts", counts);
        long[] engagement = ledger.engagement(c.id());
        m.put("opened", engagement[0]);
        m.put("clicked", engagement[1]);
        return m;
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
