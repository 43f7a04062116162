package dev.audience.http.console;

import dev.audience.common.Change;
import dev.audience.common.ConflictException;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.experiment.Experiment;
import dev.audience.experiment.ExperimentDraft;
import dev.audience.experiment.ExperimentService;
import dev.audience.experiment.TargetingPatch;
import dev.audience.experiment.Variant;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * Experiments: the list with status, variants and their shares, allocation and targeting; a new experiment (variants
 * typed one a line); start, stop, and a new allocation. Refusals (starting a running one) show in the experiment's row.
 */
public final class ExperimentsPage {
    private static final List<String> FIELDS = List.of("key", "name", "variants", "segments", "excludeSegments", "allocation");

    private final ExperimentService experiments;
    private final SegmentService segments;

    ExperimentsPage(ExperimentService experiments, SegmentService segments) {
        this.experiments = experiments;
        this.segments = segments;
    }

    public record Model(List<Experiment> experiments, Form form, List<SegmentView> segments, String rowKey, String rowError,
                        String deleted) {
        public String share(Experiment e, Variant v) {
            long total = e.variants().stream().mapToLong(Variant::weight).sum();
            return Format.percent(total == 0 ? 0 : v.weight() / (double) total);
        }

        public String allocation(Experiment e) {
            return TargetingForm.percentOf(e.targeting().percentBasisPoints());
        }
    }

    void register(RoutesConfig r) {
        r.get("/console/experiments", ctx -> show(ctx, blank(), null, null), ConsoleAccess.VIEWER);
        r.post("/console/experiments", this::create, ConsoleAccess.EDITOR);
        r.post("/console/experiments/{key}/start", ctx -> change(ctx, () -> experiments.start(ctx.pathParam("key"))),
                ConsoleAccess.EDITOR);
        r.post("/console/experiments/{key}/stop", ctx -> change(ctx, () -> experiments.stop(ctx.pathParam("key"))),
                ConsoleAccess.EDITOR);
        r.post("/console/experiments/{key}/allocation", this::allocation, ConsoleAccess.EDITOR);
    }

    private static Form blank() {
        return Form.empty().with("variants", "control 50\nvariant 50").with("allocation", "100");
    }

    private void show(Context ctx, Form form, String rowKey, String rowError) {
        Pages.render(ctx, "experiments.jte", Pages.chrome(ctx, "Experiments", "experiments"), "page",
                new Model(experiments.experiments(), form, TargetingForm.segments(segments), rowKey, rowError,
                        ctx.queryParam("deleted")));
    }

    private void create(Context ctx) {
        Form form = TargetingForm.read(ctx, Form.empty().with("key", Pages.field(ctx, "key"))
                .with("name", Pages.field(ctx, "name")).with("variants", Pages.field(ctx, "variants")), "allocation");
        List<Integer> lines = new ArrayList<>();
        List<Variant> variants = variants(form, lines);
        Double allocation = TargetingForm.percent(form, "allocation");
        if (!form.hasErrors()) {
            try {
                experiments.create(new ExperimentDraft(form.value("key"), form.value("name"), variants, form.all("segments"),
                        form.all("excludeSegments"), allocation));
                Pages.seeOther(ctx, "/console/experiments");
                return;
            } catch (InvalidInputException e) {
                form.errors(withLines(e.errors(), lines), FIELDS, "key");
            } catch (ConflictException e) {
                form.error("key", e.getMessage());
            }
        }
        ctx.status(422);
        show(ctx, form, null, null);
    }

    /** "control 50" a line: a key and a weight. */
    private static List<Variant> variants(Form form, List<Integer> lines) {
        List<Variant> out = new ArrayList<>();
        String[] text = form.value("variants").split("\r?\n");
        for (int i = 0; i < text.length; i++) {
            String line = text[i].strip();
            if (line.isEmpty()) continue;
            String[] parts = line.split("[\\s,:=]+");
            if (parts.length != 2 || !parts[1].matches("\\d{1,9}")) {
                form.error("variants", "line " + (i + 1) + ": write a variant's key and its weight, like control 50");
                continue;
            }
            out.add(new Variant(parts[0], Integer.parseInt(parts[1])));
            lines.add(i + 1);
        }
        return out;
    }

    /** variants[1].weight → "line 2: weight must be …", under the variants field. */
    private static List<FieldError> withLines(List<FieldError> errors, List<Integer> lines) {
        return errors.stream().map(e -> {
            var m = java.util.regex.Pattern.compile("variants\\[(\\d+)]\\.?(.*)").matcher(e.field());
            if (!m.matches()) return e;
            int i = Integer.parseInt(m.group(1));
            String line = i < lines.size() ? "line " + lines.get(i) + ": " : "";
            return new FieldError("variants", line + (m.group(2).isEmpty() ? "" : m.group(2) + " ") + e.message());
        }).toList();
    }

    private void change(Context ctx, Runnable action) {
        try {
            action.run();
            Pages.seeOther(ctx, "/console/experiments");
        } catch (ConflictException | InvalidInputException e) {
            ctx.status(e instanceof ConflictException ? 409 : 422);
            show(ctx, blank(), ctx.pathParam("key"), e.getMessage());
        }
    }

    private void allocation(Context ctx) {
        Form row = Form.empty().with("allocation", Pages.field(ctx, "allocation"));
        Double percent = TargetingForm.percent(row, "allocation");
        if (row.hasErrors()) {
            ctx.status(422);
            show(ctx, blank(), ctx.pathParam("key"), "Allocation " + row.errorOf("allocation"));
            return;
        }
        change(ctx, () -> experiments.patch(ctx.pathParam("key"), new TargetingPatch(Change.absent(), Change.absent(),
                Change.absent(), Change.absent(), Change.absent(), Change.to(percent))));
    }
}
