package dev.audience.http.console;

import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.common.NotFoundException;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import dev.audience.segment.SnapshotInfo;
import dev.audience.segment.StaticMembers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One segment: its figures, size over time, definition, "why is this user in or out", refresh now, and for static
 * lists, members added or removed by userId and CSV imports with the per-row report. Its members, page by page.
 */
public final class SegmentPage {
    static final int MEMBERS_PER_PAGE = 50;
    private static final int HISTORY = 100;

    private final SegmentService segments;
    private final StaticMembers members;

    SegmentPage(SegmentService segments, StaticMembers members) {
        this.segments = segments;
        this.members = members;
    }

    /** What a member edit or an import did, or why it did nothing. */
    public record Report(StaticMembers.Edit edit, boolean removed, String editError, StaticMembers.ImportReport imported,
                         String importError) {
        static Report none() {
            return new Report(null, false, null, null, null);
        }

        Report and(Report other) {
            return new Report(other.edit != null ? other.edit : edit, other.edit != null ? other.removed : removed,
                    other.editError != null ? other.editError : editError,
                    other.imported != null ? other.imported : imported,
                    other.importError != null ? other.importError : importError);
        }
    }

    /** The answer to "why is this user in or out", or why there is none (no such profile). */
    public record Explain(String userId, SegmentService.Explained result, String error) {}

    public record Model(SegmentView view, SizeChart chart, List<SnapshotInfo> history, Report report, Explain explain,
                        String refreshError) {}

    public record Members(SegmentView view, SegmentService.MembersPage page, boolean first) {}

    void register(RoutesConfig r) {
        r.get("/console/segments/{key}", ctx -> show(ctx, ctx.pathParam("key"), Report.none(), null), ConsoleAccess.VIEWER);
        r.get("/console/segments/{key}/members", this::members, ConsoleAccess.VIEWER);
        r.post("/console/segments/{key}/refresh", this::refresh, ConsoleAccess.EDITOR);
        r.post("/console/segments/{key}/members", this::editMembers, ConsoleAccess.EDITOR);
        r.post("/console/segments/{key}/import", this::upload, ConsoleAccess.EDITOR);
    }

    void show(Context ctx, String key, Report report, String refreshError) {
        SegmentView view = segments.get(key);
        List<SnapshotInfo> history = segments.history(key, HISTORY);
        Pages.render(ctx, "segment.jte", Pages.chrome(ctx, view.segment().name(), "segments"), "page",
                new Model(view, SizeChart.of(history), history, report, explain(ctx, key), refreshError));
    }

    private Explain explain(Context ctx, String key) {
        String userId = ctx.queryParam("explain");
        if (userId == null || userId.isBlank()) return null;
        try {
            return new Explain(userId.strip(), segments.explain(key, userId.strip()), null);
        } catch (NotFoundException e) {
            return new Explain(userId.strip(), null, "No profile has the userId \"" + userId.strip() + "\".");
        }
    }

    private void members(Context ctx) {
        String key = ctx.pathParam("key");
        SegmentView view = segments.get(key);
        int after = ctx.queryParamAsClass("after", Integer.class).getOrDefault(-1);
        Pages.render(ctx, "segmentMembers.jte", Pages.chrome(ctx, view.segment().name() + " · members", "segments"),
                "page", new Members(view, segments.members(key, MEMBERS_PER_PAGE, after), after < 0));
    }

    private void refresh(Context ctx) {
        String key = ctx.pathParam("key");
        try {
            segments.refresh(key);
        } catch (ConflictException e) {
            ctx.status(409);
            show(ctx, key, Report.none(), e.getMessage());
            return;
        }
        Pages.seeOther(ctx, "/console/segments/" + key);
    }

    private void editMembers(Context ctx) {
        String key = ctx.pathParam("key");
        boolean add = !"remove".equals(ctx.formParam("action"));
        Report report = edit(key, userIds(Pages.field(ctx, "userIds")), add);
        if (report.editError() != null) ctx.status(422);
        show(ctx, key, report, null);
    }

    private void upload(Context ctx) {
        String key = ctx.pathParam("key");
        UploadedFile csv = ctx.isMultipartFormData() ? ctx.uploadedFile("csv") : null;
        Report report = csv == null || csv.size() == 0
                ? new Report(null, false, null, null, "Choose a CSV file with a userId or an email column.")
                : importCsv(key, csv);
        if (report.importError() != null) ctx.status(422);
        show(ctx, key, report, null);
    }

    Report edit(String key, List<String> userIds, boolean add) {
        if (userIds.isEmpty()) return new Report(null, false, "Give at least one userId.", null, null);
        try {
            StaticMembers.Edit edit = add ? members.add(key, userIds) : members.remove(key, userIds);
            return new Report(edit, !add, null, null, null);
        } catch (InvalidInputException | ConflictException e) {
            return new Report(null, false, e.getMessage(), null, null);
        }
    }

    Report importCsv(String key, UploadedFile csv) {
        try (Reader in = new InputStreamReader(csv.content(), StandardCharsets.UTF_8)) {
            return new Report(null, false, null, members.importCsv(key, in), null);
        } catch (InvalidInputException | ConflictException e) {
            return new Report(null, false, null, null, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** userIds as a person pastes them: one a line, or separated by commas, semicolons or spaces; each once. */
    static List<String> userIds(String text) {
        return Arrays.stream(text.split("[\\s,;]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
