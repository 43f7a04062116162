package dev.audience.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.apikey.ApiKeyKind;
import dev.audience.common.Change;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.experiment.Assignment;
import dev.audience.experiment.Experiment;
import dev.audience.experiment.ExperimentDraft;
import dev.audience.experiment.ExperimentService;
import dev.audience.experiment.Flag;
import dev.audience.experiment.FlagDecision;
import dev.audience.experiment.FlagDraft;
import dev.audience.experiment.Targeting;
import dev.audience.experiment.TargetingPatch;
import dev.audience.experiment.Variant;
import dev.audience.http.Access;
import dev.audience.http.Authenticator;
import dev.audience.http.HttpProblem;
import dev.audience.http.Json;
import dev.audience.http.JsonFields;
import dev.audience.http.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /api/v1/experiments and /api/v1/flags: definitions (secret key) and assignments (publishable key too). */
public final class ExperimentsApi {
    private static final Set<String> EXPERIMENT = Set.of("key", "name", "variants", "segments", "excludeSegments", "allocation");
    private static final Set<String> EXPERIMENT_PATCH = Set.of("name", "variants", "segments", "excludeSegments", "allocation");
    private static final Set<String> FLAG = Set.of("key", "name", "enabled", "segments", "excludeSegments", "rollout");
    private static final Set<String> FLAG_PATCH = Set.of("name", "enabled", "segments", "excludeSegments", "rollout");

    private final ExperimentService service;
    private final long maxBody;

    public ExperimentsApi(ExperimentService service, long maxBody) {
        this.service = service;
        this.maxBody = maxBody;
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/experiments", this::createExperiment, Access.SECRET);
        r.get("/api/v1/experiments", ctx -> ctx.json(Map.of("experiments",
                service.experiments().stream().map(ExperimentsApi::experiment).toList())), Access.SECRET);
        r.get("/api/v1/experiments/{key}", ctx -> ctx.json(experiment(service.experiment(ctx.pathParam("key")))), Access.SECRET);
        r.patch("/api/v1/experiments/{key}", ctx -> ctx.json(experiment(service.patch(ctx.pathParam("key"),
                patch(Json.body(ctx, maxBody), EXPERIMENT_PATCH, "allocation")))), Access.SECRET);
        r.delete("/api/v1/experiments/{key}", ctx -> {
            service.delete(ctx.pathParam("key"));
            ctx.status(204);
        }, Access.SECRET);
        r.post("/api/v1/experiments/{key}/duplicate", ctx -> {
            Copy copy = copy(ctx);
            ctx.status(201).json(experiment(service.duplicate(ctx.pathParam("key"), copy.key(), copy.name())));
        }, Access.SECRET);
        r.get("/api/v1/experiments/{key}/results", ctx -> ctx.json(ExperimentResultsJson.of(
                service.results(ctx.pathParam("key"), goal(ctx)))), Access.SECRET);
        r.post("/api/v1/experiments/{key}/start", ctx -> ctx.json(experiment(service.start(ctx.pathParam("key")))), Access.SECRET);
        r.post("/api/v1/experiments/{key}/stop", ctx -> ctx.json(experiment(service.stop(ctx.pathParam("key")))), Access.SECRET);
        r.get("/api/v1/experiments/{key}/assignment", ctx -> ctx.json(assignment(
                service.assign(ctx.pathParam("key"), userId(ctx)), secret(ctx))), Access.PUBLISHABLE);

        r.post("/api/v1/flags", this::createFlag, Access.SECRET);
        r.get("/api/v1/flags", ctx -> ctx.json(Map.of("flags", service.flags().stream().map(ExperimentsApi::flag).toList())),
                Access.SECRET);
        r.get("/api/v1/flags/{key}", this::flagOrDecision, Access.PUBLISHABLE);
        r.patch("/api/v1/flags/{key}", ctx -> ctx.json(flag(service.patchFlag(ctx.pathParam("key"),
                patch(Json.body(ctx, maxBody), FLAG_PATCH, "rollout")))), Access.SECRET);
        r.delete("/api/v1/flags/{key}", ctx -> {
            service.deleteFlag(ctx.pathParam("key"));
            ctx.status(204);
        }, Access.SECRET);

        r.post("/api/v1/flags/{key}/duplicate", ctx -> {
            Copy copy = copy(ctx);
            ctx.status(201).json(flag(service.duplicateFlag(ctx.pathParam("key"), copy.key(), copy.name())));
        }, Access.SECRET);

        r.get("/api/v1/profiles/{userId}/assignments", this::all, Access.PUBLISHABLE);
    }

    /** The key (required: apps ask by it) and optional name of a copy. */
    private record Copy(String key, String name) {}

    private Copy copy(Context ctx) {
        JsonFields f = JsonFields.of(Json.body(ctx, maxBody), Set.of("key", "name"));
        Copy copy = new Copy(f.string("key", true), f.string("name", false));
        if (!f.ok()) throw new InvalidInputException(f.errors());
        return copy;
    }

    /** ?goal=event_name: the event counted as a conversion; none asks for exposures only. */
    private static String goal(Context ctx) {
        String goal = ctx.queryParam("goal");
        return goal == null || goal.isBlank() ? null : goal.strip();
    }

    private void createExperiment(Context ctx) {
        JsonNode body = Json.body(ctx, maxBody);
        JsonFields f = JsonFields.of(body, EXPERIMENT);
        String key = f.string("key", true);
        String name = f.string("name", true);
        List<Variant> variants = variants(body == null ? null : body.get("variants"), f.errors());
        List<String> segments = keys(body, "segments", f.errors());
        List<String> excluded = keys(body, "excludeSegments", f.errors());
        Double allocation = percent(body, "allocation", f.errors());
        if (!f.ok()) throw new InvalidInputException(f.errors());
        ctx.status(201).json(experiment(service.create(new ExperimentDraft(key, name, variants, segments, excluded, allocation))));
    }

    private void createFlag(Context ctx) {
        JsonNode body = Json.body(ctx, maxBody);
        JsonFields f = JsonFields.of(body, FLAG);
        String key = f.string("key", true);
        String name = f.string("name", false);
        Boolean enabled = bool(body, "enabled", f.errors());
        List<String> segments = keys(body, "segments", f.errors());
        List<String> excluded = keys(body, "excludeSegments", f.errors());
        Double rollout = percent(body, "rollout", f.errors());
        if (!f.ok()) throw new InvalidInputException(f.errors());
        ctx.status(201).json(flag(service.createFlag(new FlagDraft(key, name, enabled, segments, excluded, rollout))));
    }

    /** With ?userId the flag's answer for that user (publishable keys may ask); without, the flag itself (secret). */
    private void flagOrDecision(Context ctx) {
        String userId = ctx.queryParam("userId");
        if (userId == null) {
            if (ctx.attribute(Authenticator.KEY_KIND) != ApiKeyKind.SECRET) {
                throw new HttpProblem(Problem.of(403, "forbidden", "Forbidden",
                        "A publishable key may only ask for a user's answer: add ?userId=…", null));
            }
            ctx.json(flag(service.flag(ctx.pathParam("key"))));
            return;
        }
        if (userId.isEmpty()) throw new InvalidInputException("userId", "must not be empty");
        FlagDecision d = service.decide(ctx.pathParam("key"), checkedUserId(userId));
        ctx.json(decision(d, secret(ctx)));
    }

    private void all(Context ctx) {
        ExperimentService.AllAssignments a = service.assignmentsOf(checkedUserId(ctx.pathParam("userId")));
        Map<String, Object> experiments = new LinkedHashMap<>();
        boolean secret = secret(ctx);
        a.experiments().forEach((k, v) -> experiments.put(k, assignment(v, secret)));
        Map<String, Object> flags = new LinkedHashMap<>();
        a.flags().forEach((k, v) -> flags.put(k, decision(v, secret)));
        ctx.json(Map.of("experiments", experiments, "flags", flags));
    }

    private static String userId(Context ctx) {
        String u = ctx.queryParam("userId");
        if (u == null || u.isEmpty()) throw new InvalidInputException("userId", "is required as a query parameter");
        return checkedUserId(u);
    }

    private static String checkedUserId(String u) {
        if (u.length() > 255) throw new InvalidInputException("userId", "must be at most 255 characters");
        return u;
    }

    private static TargetingPatch patch(JsonNode body, Set<String> allowed, String percentField) {
        JsonFields f = JsonFields.of(body, allowed);
        Change<String> name = f.has("name") ? Change.to(f.string("name", true)) : Change.absent();
        Change<List<Variant>> variants = f.has("variants") ? Change.to(variants(body.get("variants"), f.errors())) : Change.absent();
        Change<Boolean> enabled = f.has("enabled") ? Change.to(bool(body, "enabled", f.errors())) : Change.absent();
        Change<List<String>> segments = f.has("segments") ? Change.to(keys(body, "segments", f.errors())) : Change.absent();
        Change<List<String>> excluded = f.has("excludeSegments")
                ? Change.to(keys(body, "excludeSegments", f.errors())) : Change.absent();
        Change<Double> percent = f.has(percentField) ? Change.to(percent(body, percentField, f.errors())) : Change.absent();
        if (!f.ok()) throw new InvalidInputException(f.errors());
        return new TargetingPatch(name, variants, enabled, segments, excluded, percent);
    }

    private static List<Variant> variants(JsonNode node, List<FieldError> errors) {
        if (node == null || !node.isArray()) {
            errors.add(new FieldError("variants", "is required: an array of {\"key\", \"weight\"}"));
            return null;
        }
        List<Variant> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonFields v = JsonFields.of(node.get(i), Set.of("key", "weight"));
            String key = v.string("key", true);
            JsonNode w = node.get(i) == null ? null : node.get(i).get("weight");
            if (w == null || !w.canConvertToInt() || !w.isIntegralNumber()) {
                v.errors().add(new FieldError("weight", "must be a whole number"));
            }
            String at = "variants[" + i + "]";
            v.errors().forEach(e -> errors.add(e.under(at)));
            if (v.ok()) out.add(new Variant(key, w.asInt()));
        }
        return out;
    }

    private static List<String> keys(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) return List.of();
        List<String> out = new ArrayList<>();
        if (!node.isArray()) {
            errors.add(new FieldError(field, "must be an array of segment keys"));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual()) out.add(node.get(i).asText());
            else errors.add(new FieldError(field + "[" + i + "]", "must be a segment key (a string)"));
        }
        return out;
    }

    private static Double percent(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isNumber()) {
            errors.add(new FieldError(field, "must be a percentage from 0 to 100"));
            return null;
        }
        return node.asDouble();
    }

    private static Boolean bool(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null) return null;
        if (!node.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false"));
            return null;
        }
        return node.asBoolean();
    }

    static Map<String, Object> experiment(Experiment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", e.key());
        m.put("name", e.name());
        m.put("variants", e.variants().stream().map(v -> Map.of("key", v.key(), "weight", v.weight())).toList());
        targeting(m, e.targeting(), "allocation");
        m.put("status", e.status().wireName());
        m.put("createdAt", e.createdAt().toString());
        m.put("updatedAt", e.updatedAt().toString());
        m.put("startedAt", e.startedAt() == null ? null : e.startedAt().toString());
        m.put("stoppedAt", e.stoppedAt() == null ? null : e.stoppedAt().toString());
        return m;
    }

    static Map<String, Object> flag(Flag f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", f.key());
        m.put("name", f.name());
        m.put("enabled", f.enabled());
        targeting(m, f.targeting(), "rollout");
        m.put("createdAt", f.createdAt().toString());
        m.put("updatedAt", f.updatedAt().toString());
        return m;
    }

    private static void targeting(Map<String, Object> m, Targeting t, String percentField) {
        m.put("segments", t.segments());
        m.put("excludeSegments", t.excludeSegments());
        m.put(percentField, t.percentBasisPoints() / 100.0);
    }

    /**
     * An assignment on the wire. The reason and segment version say which segments a user is in (or that the
     * user does not exist): only secret keys see them, since a publishable key is in every client's hands.
     */
    static Map<String, Object> assignment(Assignment a, boolean secret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inExperiment", a.inExperiment());
        m.put("variant", a.variant());
        if (secret) {
            m.put("reason", a.reason());
            m.put("segmentVersion", a.segmentVersion());
        }
        return m;
    }

    static Map<String, Object> decision(FlagDecision d, boolean secret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", d.enabled());
        if (secret) m.put("reason", d.reason());
        return m;
    }

    private static boolean secret(Context ctx) {
        return ctx.attribute(Authenticator.KEY_KIND) == ApiKeyKind.SECRET;
    }
}
