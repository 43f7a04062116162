package dev.audience.http.console;

import dev.audience.common.Change;
import dev.audience.common.InvalidInputException;
import dev.audience.experiment.ExperimentService;
import dev.audience.experiment.Flag;
import dev.audience.experiment.FlagDraft;
import dev.audience.experiment.TargetingPatch;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/** Feature flags: the list (on or off, rollout, targeting), a new flag, on/off, and a new rollout percentage. */
public final class FlagsPage {
    private static final List<String> FIELDS = List.of("key", "name", "enabled", "segments", "excludeSegments", "rollout");

    private final ExperimentService experiments;
    private final SegmentService segments;

    FlagsPage(ExperimentService experiments, SegmentService segments) {
        this.experiments = experiments;
        this.segments = segments;
    }

    public record Model(List<Flag> flags, Form form, List<SegmentView> segments, String rowKey, String rowError,
                        String deleted) {
        public String rollout(Flag f) {
            return TargetingForm.percentOf(f.targeting().percentBasisPoints());
        }
    }

    void register(RoutesConfig r) {
        r.get("/console/flags", ctx -> show(ctx, blank(), null, null), ConsoleAccess.VIEWER);
        r.post("/console/flags", this::create, ConsoleAccess.EDITOR);
        r.post("/console/flags/{key}/toggle", ctx -> {
            Flag f = experiments.flag(ctx.pathParam("key"));
            change(ctx, patch(Change.to(!f.enabled()), Change.absent()));
        }, ConsoleAccess.EDITOR);
        r.post("/console/flags/{key}/rollout", this::rollout, ConsoleAccess.EDITOR);
        r.get("/console/flags/{key}/duplicate", ctx -> copy(experiments.flag(ctx.pathParam("key"))).show(ctx),
                ConsoleAccess.EDITOR);
        r.post("/console/flags/{key}/duplicate", ctx -> {
            Flag f = experiments.flag(ctx.pathParam("key"));
            copy(f).submit(ctx, (key, name) -> experiments.duplicateFlag(f.key(), key, name), "/console/flags");
        }, ConsoleAccess.EDITOR);
        r.get("/console/flags/{key}/delete", ctx -> confirm(experiments.flag(ctx.pathParam("key"))).show(ctx, "experiments"),
                ConsoleAccess.EDITOR);
        r.post("/console/flags/{key}/delete", ctx -> {
            Flag f = experiments.flag(ctx.pathParam("key"));
            experiments.deleteFlag(f.key());
            Pages.seeOther(ctx, "/console/flags?deleted=" + Format.url(f.name()));
        }, ConsoleAccess.EDITOR);
    }

    private static CopyForm copy(Flag f) {
        return new CopyForm("Copy of " + f.name(), "Feature flags", f.name(),
                "A new flag with the same targeting and rollout. It starts off: turn it on when your app asks for it.",
                "/console/flags/" + f.key() + "/duplicate", "/console/flags", CopyForm.proposal(f.key(), f.name()));
    }

    private static Confirmation confirm(Flag f) {
        return new Confirmation("Delete " + f.name() + "?", "The flag " + f.name() + " (" + f.key() + ") goes; an app "
                + "that asks for it gets a 404 (and should treat it as off).", f.enabled() ? "It is on now." : null,
                "/console/flags/" + f.key() + "/delete", "Delete the flag", "/console/flags", null);
    }

    private static Form blank() {
        return Form.empty().with("rollout", "100");
    }

    private static TargetingPatch patch(Change<Boolean> enabled, Change<Double> rollout) {
        return new TargetingPatch(Change.absent(), Change.absent(), enabled, Change.absent(), Change.absent(), rollout);
    }

    private void show(Context ctx, Form form, String rowKey, String rowError) {
        Pages.render(ctx, "flags.jte", Pages.chrome(ctx, "Feature flags", "experiments"), "page",
                new Model(experiments.flags(), form, TargetingForm.segments(segments), rowKey, rowError,
                        ctx.queryParam("deleted")));
    }

    private void create(Context ctx) {
        Form form = TargetingForm.read(ctx, Form.empty().with("key", Pages.field(ctx, "key"))
                .with("name", Pages.field(ctx, "name")).with("enabled", Pages.field(ctx, "enabled")), "rollout");
        Double rollout = TargetingForm.percent(form, "rollout");
        String name = form.value("name").isEmpty() ? null : form.value("name");
        if (!form.hasErrors() && form.save(() -> experiments.createFlag(new FlagDraft(form.value("key"), name,
                "true".equals(form.value("enabled")), form.all("segments"), form.all("excludeSegments"), rollout)),
                FIELDS, "key").isPresent()) {
            Pages.seeOther(ctx, "/console/flags");
            return;
        }
        ctx.status(422);
        show(ctx, form, null, null);
    }

    private void rollout(Context ctx) {
        Form row = Form.empty().with("rollout", Pages.field(ctx, "rollout"));
        Double percent = TargetingForm.percent(row, "rollout");
        if (row.hasErrors()) {
            ctx.status(422);
            show(ctx, blank(), ctx.pathParam("key"), "Rollout " + row.errorOf("rollout"));
            return;
        }
        change(ctx, patch(Change.absent(), Change.to(percent)));
    }

    private void change(Context ctx, TargetingPatch patch) {
        try {
            experiments.patchFlag(ctx.pathParam("key"), patch);
            Pages.seeOther(ctx, "/console/flags");
        } catch (InvalidInputException e) {
            ctx.status(422);
            show(ctx, blank(), ctx.pathParam("key"), e.getMessage());
        }
    }
}
