package dev.audience.http.console;

import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.experiment.Experiment;
import dev.audience.experiment.ExperimentResults;
import dev.audience.experiment.ExperimentService;
import dev.audience.experiment.ExperimentStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * One experiment: its variants and targeting, and its results: per variant the people exposed (and their exposure
 * events) and, for a goal event chosen on the page, how many converted after their first exposure, with the lift over
 * the control and whether the difference is significant; a table and a chart. Also: copy it, delete it.
 */
public final class ExperimentPage {
    private final ExperimentService experiments;

    ExperimentPage(ExperimentService experiments) {
        this.experiments = experiments;
    }

    /** {@code goalError}: the goal typed is not an event name (the results are then shown without a goal). */
    public record Model(Experiment experiment, ExperimentResults results, VariantChart chart, Form goal, String goalError) {
        public boolean deletable() {
            return experiment.status() != ExperimentStatus.RUNNING;
        }

        public String share(String variant) {
            long total = experiment.variants().stream().mapToLong(v -> v.weight()).sum();
            return experiment.variants().stream().filter(v -> v.key().equals(variant)).findFirst()
                    .map(v -> Format.percent(total == 0 ? 0 : v.weight() / (double) total)).orElse("removed");
        }

        public static String rate(Double r) {
            return r == null ? "—" : Format.percent(r);
        }

        public static String lift(Double l) {
            if (l == null) return "—";
            String p = Format.percent(Math.abs(l));
            return (l >= 0 ? "+" : "−") + p;
        }

        public static String pValue(Double p) {
            return p == null ? "—" : p < 0.001 ? "< 0.001" : String.format(java.util.Locale.ROOT, "%.3f", p);
        }

        public static String verdict(ExperimentResults.Verdict v) {
            return switch (v) {
                case NONE -> "";
                case TOO_FEW -> "too few conversions to tell";
                case NOT_SIGNIFICANT -> "no significant difference";
                case BETTER -> "better than the control";
                case WORSE -> "worse than the control";
            };
        }
    }

    void register(RoutesConfig r) {
        r.get("/console/experiments/{key}", this::show, ConsoleAccess.VIEWER);
        r.get("/console/experiments/{key}/duplicate", ctx -> copy(ctx, experiments.experiment(ctx.pathParam("key"))).show(ctx),
                ConsoleAccess.EDITOR);
        r.post("/console/experiments/{key}/duplicate", ctx -> {
            Experiment e = experiments.experiment(ctx.pathParam("key"));
            copy(ctx, e).submit(ctx, (key, name) -> experiments.duplicate(e.key(), key, name), "/console/experiments/{key}");
        }, ConsoleAccess.EDITOR);
        r.get("/console/experiments/{key}/delete", ctx -> confirm(experiments.experiment(ctx.pathParam("key")))
                .show(ctx, "experiments"), ConsoleAccess.EDITOR);
        r.post("/console/experiments/{key}/delete", this::delete, ConsoleAccess.EDITOR);
    }

    private void show(Context ctx) {
        Experiment e = experiments.experiment(ctx.pathParam("key"));
        String goal = ctx.queryParam("goal") == null ? "" : ctx.queryParam("goal").strip();
        Form form = Form.empty().with("goal", goal);
        ExperimentResults results;
        try {
            results = experiments.results(e.key(), goal.isEmpty() ? null : goal);
        } catch (InvalidInputException bad) {
            form.error("goal", bad.errors().get(0).message());
            ctx.status(422);
            results = experiments.results(e.key(), null);
        }
        Pages.render(ctx, "experiment.jte", Pages.chrome(ctx, e.name(), "experiments"), "page",
                new Model(e, results, VariantChart.of(results), form, form.errorOf("goal")));
    }

    private static CopyForm copy(Context ctx, Experiment e) {
        return new CopyForm("Copy of " + e.name(), "Experiments", e.name(),
                "A new draft experiment with the same variants, allocation and targeting. It splits people afresh: "
                        + "nobody keeps the variant they had in the original.",
                "/console/experiments/" + e.key() + "/duplicate", "/console/experiments/" + e.key(),
                CopyForm.proposal(e.key(), e.name()));
    }

    private static Confirmation confirm(Experiment e) {
        return new Confirmation("Delete " + e.name() + "?", "The experiment " + e.name() + " (" + e.key() + ") and its "
                + "variants go; an app that asks for it gets a 404. Its exposure events stay in the event store.",
                e.status() == ExperimentStatus.RUNNING ? "It is running: stop it first." : null,
                "/console/experiments/" + e.key() + "/delete", "Delete the experiment", "/console/experiments/" + e.key(), null);
    }

    private void delete(Context ctx) {
        Experiment e = experiments.experiment(ctx.pathParam("key"));
        try {
            experiments.delete(e.key());
            Pages.seeOther(ctx, "/console/experiments?deleted=" + Format.url(e.name()));
        } catch (ConflictException refused) {
            ctx.status(409);
            confirm(e).refused(refused.getMessage()).show(ctx, "experiments");
        }
    }
}
