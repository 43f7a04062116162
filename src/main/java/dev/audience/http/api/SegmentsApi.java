package dev.audience.http.api;

import dev.audience.http.Access;
import dev.audience.http.HttpProblem;
import dev.audience.http.Json;
import dev.audience.http.Problem;
import dev.audience.segment.Explanation;
import dev.audience.segment.SegmentService;
import dev.audience.segment.StaticMembers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/segments: definitions, refresh, history, static members and imports, membership and explanations. */
public final class SegmentsApi {
    private final SegmentService segments;
    private final StaticMembers members;
    private final long maxBody;
    private final long maxImport;

    public SegmentsApi(SegmentService segments, StaticMembers members, long maxBody, long maxImport) {
        this.segments = segments;
        this.members = members;
        this.maxBody = maxBody;
        this.maxImport = maxImport;
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/segments", this::create, Access.SECRET);
        r.get("/api/v1/segments", this::list, Access.SECRET);
        r.post("/api/v1/segments/preview", this::preview, Access.SECRET);
        r.get("/api/v1/segments/{key}", ctx -> ctx.json(SegmentRepresentation.of(segments.get(ctx.pathParam("key")))),
                Access.SECRET);
        r.patch("/api/v1/segments/{key}", this::patch, Access.SECRET);
        r.delete("/api/v1/segments/{key}", this::delete, Access.SECRET);
        r.post("/api/v1/segments/{key}/refresh",
                ctx -> ctx.json(SegmentRepresentation.of(segments.refresh(ctx.pathParam("key")))), Access.SECRET);
        r.get("/api/v1/segments/{key}/history", this::history, Access.SECRET);
        r.post("/api/v1/segments/{key}/members", ctx -> edit(ctx, true), Access.SECRET);
        r.post("/api/v1/segments/{key}/members/remove", ctx -> edit(ctx, false), Access.SECRET);
        r.post("/api/v1/segments/{key}/import", this::importCsv, Access.SECRET);
        r.get("/api/v1/segments/{key}/members", this::members, Access.SECRET);
        r.get("/api/v1/segments/{key}/members/{userId}", ctx -> ctx.json(Map.of("member",
                segments.isMember(ctx.pathParam("key"), ctx.pathParam("userId")))), Access.SECRET);
        r.get("/api/v1/segments/{key}/explain/{userId}", this::explain, Access.SECRET);
        r.get("/api/v1/profiles/{userId}/segments", ctx -> ctx.json(Map.of("segments",
                segments.segmentsOf(ctx.pathParam("userId")).stream().map(SegmentRepresentation::of).toList())),
                Access.SECRET);
    }

    private void create(Context ctx) {
        var view = segments.create(SegmentRequests.draft(Json.body(ctx, maxBody)));
        ctx.status(201).json(SegmentRepresentation.of(view));
    }

    private void list(Context ctx) {
        ctx.json(Map.of("segments", segments.list().stream().map(SegmentRepresentation::of).toList()));
    }

    private void patch(Context ctx) {
        ctx.json(SegmentRepresentation.of(segments.patch(ctx.pathParam("key"), SegmentRequests.patch(Json.body(ctx, maxBody)))));
    }

    private void delete(Context ctx) {
        segments.delete(ctx.pathParam("key"));
        ctx.status(204);
    }

    private void preview(Context ctx) {
        int sample = Queries.intParam(ctx, "sample", 10, 0, 100);
        SegmentService.Preview p = segments.preview(SegmentRequests.requiredDefinition(Json.body(ctx, maxBody)), sample);
        ctx.json(Map.of("count", p.count(), "sample", p.sample(), "tookMs", p.tookMs()));
    }

    private void history(Context ctx) {
        int limit = Queries.intParam(ctx, "limit", 50, 1, 1000);
        ctx.json(Map.of("history", segments.history(ctx.pathParam("key"), limit).stream().map(h -> Map.of(
                "version", h.version(), "createdAt", h.createdAt().toString(), "size", h.size(), "entered", h.entered(),
                "exited", h.exited())).toList()));
    }

    private void edit(Context ctx, boolean add) {
        List<String> ids = SegmentRequests.userIds(Json.body(ctx, maxBody), StaticMembers.MAX_PER_CALL);
        String key = ctx.pathParam("key");
        StaticMembers.Edit e = add ? members.add(key, ids) : members.remove(key, ids);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(add ? "added" : "removed", e.changed());
        body.put(add ? "alreadyMembers" : "notMembers", e.unchanged());
        body.put("unknown", e.unknown());
        body.put("version", e.version());
        ctx.json(body);
    }

    private void importCsv(Context ctx) throws IOException {
        String length = ctx.header("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxImport) throw tooLarge();
            } catch (NumberFormatException e) {
                throw HttpProblem.badRequest("Content-Length is not a number");
            }
        }
        try (Reader csv = new InputStreamReader(new Limited(ctx.bodyInputStream(), maxImport), StandardCharsets.UTF_8)) {
            StaticMembers.ImportReport r = members.importCsv(ctx.pathParam("key"), csv);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("rows", r.rows());
            body.put("matched", r.matched());
            body.put("added", r.added());
            body.put("problems", r.problems());
            body.put("problemList", r.problemList());
            body.put("version", r.version());
            ctx.json(body);
        }
    }

    private void members(Context ctx) {
        int limit = Queries.intParam(ctx, "limit", 100, 1, 10_000);
        int after = Queries.intParam(ctx, "cursor", -1, 0, Integer.MAX_VALUE);
        SegmentService.MembersPage page = segments.members(ctx.pathParam("key"), limit, after);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userIds", page.userIds());
        body.put("nextCursor", page.nextCursor() == null ? null : String.valueOf(page.nextCursor()));
        ctx.json(body);
    }

    private void explain(Context ctx) {
        SegmentService.Explained e = segments.explain(ctx.pathParam("key"), ctx.pathParam("userId"));
        ctx.json(Map.of("member", e.member(), "explanation", representation(e.explanation())));
    }

    private static Map<String, Object> representation(Explanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("condition", e.condition());
        m.put("met", e.met());
        m.put("detail", e.detail());
        if (!e.parts().isEmpty()) m.put("parts", e.parts().stream().map(SegmentsApi::representation).toList());
        return m;
    }

    private HttpProblem tooLarge() {
        return new HttpProblem(Problem.of(413, "too-large", "Import too large",
                "The CSV is larger than the limit of " + maxImport + " bytes (http.max_import_bytes)", null));
    }

    /** Stops reading past the import limit, with a 413. */
    private final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) throw tooLarge();
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (left -= n) < 0) throw tooLarge();
            return n;
        }
    }
}
