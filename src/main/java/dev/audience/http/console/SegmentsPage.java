package dev.audience.http.console;

import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.RefreshSchedule;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentType;
import dev.audience.segment.SegmentView;
import dev.audience.segment.StaticMembers;
import dev.audience.segment.lang.DefinitionException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.util.Comparator;
import java.util.List;

/**
 * The segment list and the new-segment form: static (members by userId list or CSV, with the per-row report) or
 * dynamic (the definition checked as it is typed, through htmx, with its line and column when wrong and its size
 * and a sample when right).
 */
public final class SegmentsPage {
    private static final List<String> FIELDS = List.of("type", "key", "name", "description", "definition", "refresh", "userIds", "internal");

    private final SegmentService segments;
    private final SegmentPage segmentPage;

    SegmentsPage(SegmentService segments, SegmentPage segmentPage) {
        this.segments = segments;
        this.segmentPage = segmentPage;
    }

    void register(RoutesConfig r) {
        r.get("/console/segments", this::list, ConsoleAccess.VIEWER);
        // Not under /console/segments/: "new" is a valid segment key.
        r.get("/console/new-segment", this::form, ConsoleAccess.EDITOR);
        r.post("/console/new-segment", this::create, ConsoleAccess.EDITOR);
        r.post("/console/new-segment/check", this::check, ConsoleAccess.EDITOR);
    }

    private void list(Context ctx) {
        List<SegmentView> all = segments.list().stream()
                .sorted(Comparator.comparing((SegmentView v) -> v.segment().type() != SegmentType.EVERYONE)
                        .thenComparing(v -> v.segment().name().toLowerCase(java.util.Locale.ROOT))).toList();
        Pages.render(ctx, "segments.jte", Pages.chrome(ctx, "Segments", "segments"), "segments", all,
                "deleted", ctx.queryParam("deleted"));
    }

    private void form(Context ctx) {
        String type = "static".equals(ctx.queryParam("type")) ? "static" : "dynamic";
        show(ctx, Form.empty().with("type", type), DefinitionCheck.empty());
    }

    private void show(Context ctx, Form form, DefinitionCheck check) {
        String title = form.is("type", "static") ? "New static segment" : "New dynamic segment";
        Pages.render(ctx, "segmentNew.jte", Pages.chrome(ctx, title, "segments"), "form", form, "check", check);
    }

    /** htmx, as the definition is typed: the check's part of the form. */
    private void check(Context ctx) {
        Pages.renderPart(ctx, "definitionCheck.jte", "check", DefinitionCheck.of(segments, ctx.formParam("definition")));
    }

    private void create(Context ctx) {
        Form form = Form.empty();
        for (String f : FIELDS) form.with(f, Pages.field(ctx, f));
        SegmentType type = SegmentType.fromWire(form.value("type")).orElse(null);
        if (type != SegmentType.STATIC && type != SegmentType.DYNAMIC) form.error("type", "must be static or dynamic");
        RefreshSchedule refresh = null;
        if (type == SegmentType.DYNAMIC && !form.value("refresh").isEmpty()) {
            try {
                refresh = RefreshSchedule.Every.parse(form.value("refresh"));
            } catch (InvalidInputException e) {
                form.errors(e.errors(), FIELDS, "refresh");
            }
        }
        List<String> userIds = type == SegmentType.STATIC ? SegmentPage.userIds(form.value("userIds")) : List.of();
        if (userIds.size() > StaticMembers.MAX_PER_CALL) {
            form.error("userIds", "at most " + StaticMembers.MAX_PER_CALL + " at once here (" + userIds.size()
                    + " given); upload the others as a CSV file");
        }
        DefinitionCheck check = DefinitionCheck.empty();
        if (!form.hasErrors()) {
            try {
                String description = form.value("description").isEmpty() ? null : form.value("description");
                DefinitionInput definition = type == SegmentType.DYNAMIC ? new DefinitionInput.Text(form.value("definition")) : null;
                segments.create(new SegmentDraft(form.value("key"), form.value("name"), description, type, definition, refresh,
                        form.is("internal", "true")));
            } catch (InvalidInputException e) {
                form.errors(e.errors(), FIELDS, "key");
            } catch (DefinitionException e) {
                check = DefinitionCheck.failed(form.value("definition"), e);
                form.error("definition", check.message());
            } catch (ConflictException e) {
                form.error("key", e.getMessage());
            }
        }
        if (form.hasErrors()) {
            ctx.status(422);
            show(ctx, form, check);
            return;
        }
        String key = form.value("key");
        UploadedFile csv = ctx.isMultipartFormData() ? ctx.uploadedFile("csv") : null;
        boolean hasCsv = csv != null && csv.size() > 0;
        if (userIds.isEmpty() && !hasCsv) {
            Pages.seeOther(ctx, "/console/segments/" + key);
            return;
        }
        // a new static list with members: the page of the new segment, with what became of each one
        SegmentPage.Report report = userIds.isEmpty() ? SegmentPage.Report.none()
                : segmentPage.edit(key, userIds, true);
        if (hasCsv) report = report.and(segmentPage.importCsv(key, csv));
        ctx.status(201);
        segmentPage.show(ctx, key, report, null);
    }
}
