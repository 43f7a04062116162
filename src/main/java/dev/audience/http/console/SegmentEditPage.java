package dev.audience.http.console;

import dev.audience.common.Change;
import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.RefreshSchedule;
import dev.audience.segment.Segment;
import dev.audience.segment.SegmentPatch;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentType;
import dev.audience.segment.SegmentView;
import dev.audience.segment.lang.DefinitionException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/**
 * A segment changed (name, description, internal, and for a dynamic one its definition, checked as it is typed like
 * on the new-segment form, and its refresh schedule) or deleted, after a confirmation page that says first what keeps
 * it from being deleted. The built-in everyone segment is neither changed nor deleted.
 */
public final class SegmentEditPage {
    private static final List<String> FIELDS = List.of("name", "description", "definition", "refresh", "internal");

    private final SegmentService segments;

    SegmentEditPage(SegmentService segments) {
        this.segments = segments;
    }

    /** The delete confirmation: what uses the segment (nothing: it may go), and the refusal when one came. */
    public record Removal(SegmentView view, List<String> usedBy, String error) {}

    void register(RoutesConfig r) {
        r.get("/console/segments/{key}/edit", this::form, ConsoleAccess.EDITOR);
        r.post("/console/segments/{key}/edit", this::save, ConsoleAccess.EDITOR);
        r.get("/console/segments/{key}/delete", ctx -> confirm(ctx, editable(ctx.pathParam("key")), null),
                ConsoleAccess.EDITOR);
        r.post("/console/segments/{key}/delete", this::delete, ConsoleAccess.EDITOR);
    }

    private void form(Context ctx) {
        SegmentView view = editable(ctx.pathParam("key"));
        Segment s = view.segment();
        Form form = Form.empty().with("name", s.name()).with("description", s.description() == null ? "" : s.description())
                .with("definition", s.definition() == null ? "" : s.definition()).with("refresh", refreshText(s.refresh()))
                .with("internal", Boolean.toString(s.internal()));
        show(ctx, view, form, DefinitionCheck.of(segments, s.definition()));
    }

    private void show(Context ctx, SegmentView view, Form form, DefinitionCheck check) {
        Pages.render(ctx, "segmentEdit.jte", Pages.chrome(ctx, "Change " + view.segment().name(), "segments"),
                "view", view, "form", form, "check", check);
    }

    private void save(Context ctx) {
        SegmentView view = editable(ctx.pathParam("key"));
        Segment s = view.segment();
        boolean dynamic = s.type() == SegmentType.DYNAMIC;
        Form form = Form.empty();
        for (String f : FIELDS) form.with(f, Pages.field(ctx, f));
        Change<RefreshSchedule> refresh = Change.absent();
        if (dynamic && !form.value("refresh").equals(refreshText(s.refresh()))) {
            try {
                refresh = Change.to(parseRefresh(form.value("refresh")));
            } catch (InvalidInputException e) {
                form.errors(e.errors(), FIELDS, "refresh");
            }
        }
        // the definition is sent only when it changed: a new one is checked, saved and computed at once
        String definition = ctx.formParam("definition") == null ? "" : ctx.formParam("definition");
        boolean newDefinition = dynamic && !definition.strip().equals(s.definition() == null ? "" : s.definition().strip());
        DefinitionCheck check = DefinitionCheck.empty();
        if (!form.hasErrors()) {
            try {
                segments.patch(s.key(), new SegmentPatch(Change.to(form.value("name")),
                        Change.to(form.value("description").isEmpty() ? null : form.value("description")),
                        newDefinition ? Change.to(new DefinitionInput.Text(definition)) : Change.absent(), refresh,
                        Change.to(form.is("internal", "true"))));
                Pages.seeOther(ctx, "/console/segments/" + s.key());
                return;
            } catch (InvalidInputException e) {
                form.errors(e.errors(), FIELDS, "name");
            } catch (DefinitionException e) {
                check = DefinitionCheck.failed(definition, e);
                form.error("definition", check.message());
            } catch (ConflictException e) {
                form.error("name", e.getMessage());
            }
        }
        ctx.status(422);
        show(ctx, view, form, check.isEmpty() && dynamic ? DefinitionCheck.of(segments, definition) : check);
    }

    private void confirm(Context ctx, SegmentView view, String error) {
        Pages.render(ctx, "segmentDelete.jte", Pages.chrome(ctx, "Delete " + view.segment().name(), "segments"),
                "removal", new Removal(view, segments.usersOf(view.segment().key()), error));
    }

    private void delete(Context ctx) {
        SegmentView view = segments.get(ctx.pathParam("key"));
        try {
            segments.delete(view.segment().key());
        } catch (ConflictException e) {
            ctx.status(409);
            confirm(ctx, view, e.getMessage());
            return;
        }
        Pages.seeOther(ctx, "/console/segments?deleted=" + Format.url(view.segment().name()));
    }

    private SegmentView editable(String key) {
        SegmentView view = segments.get(key);
        if (view.segment().type() == SegmentType.EVERYONE) {
            throw new ConflictException("the built-in everyone segment can be neither changed nor deleted");
        }
        return view;
    }

    /** What the refresh field shows: "15m", a cron expression, or empty for none. */
    static String refreshText(RefreshSchedule r) {
        return switch (r) {
            case null -> "";
            case RefreshSchedule.Every every -> every.text();
            case RefreshSchedule.Cron cron -> cron.expression();
        };
    }

    /** Empty: no scheduled refresh; a number and a unit ("15m", "2h", "1d"); or a five-field cron expression (UTC). */
    static RefreshSchedule parseRefresh(String text) {
        String t = text.strip();
        if (t.isEmpty()) return null;
        if (t.split("\\s+").length == 5) return new RefreshSchedule.Cron(t);
        return RefreshSchedule.Every.parse(t);
    }
}
