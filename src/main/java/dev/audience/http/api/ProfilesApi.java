package dev.audience.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.http.Access;
import dev.audience.http.Json;
import dev.audience.http.JsonFields;
import dev.audience.http.Problem;
import dev.audience.profile.Platform;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /api/v1/profiles: create or update, read, erase, batch upsert, push tokens. */
public final class ProfilesApi {
    public static final int MAX_BATCH = 1000;

    private final ProfileService profiles;
    private final long maxBody;

    public ProfilesApi(ProfileService profiles, long maxBody) {
        this.profiles = profiles;
        this.maxBody = maxBody;
    }

    public void register(RoutesConfig r) {
        r.put("/api/v1/profiles/{userId}", this::put, Access.SECRET);
        r.get("/api/v1/profiles/{userId}", this::get, Access.SECRET);
        r.delete("/api/v1/profiles/{userId}", this::delete, Access.SECRET);
        r.post("/api/v1/profiles/batch", this::batch, Access.SECRET);
        r.post("/api/v1/profiles/{userId}/push-tokens", this::addPushToken, Access.SECRET);
        r.delete("/api/v1/profiles/{userId}/push-tokens/{token}", this::removePushToken, Access.SECRET);
    }

    private void put(Context ctx) {
        String userId = ctx.pathParam("userId");
        ProfileRequests.Parsed p = ProfileRequests.parse(Json.body(ctx, maxBody));
        List<FieldError> errors = new ArrayList<>(p.errors());
        if (p.userId() != null && !p.userId().equals(userId)) {
            errors.add(new FieldError("userId", "must match the userId in the path (" + userId + ") or be left out"));
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        ProfileService.Saved saved = profiles.put(userId, p.changes());
        ctx.status(saved.created() ? 201 : 200).json(ProfileRepresentation.of(saved.profile()));
    }

    private void get(Context ctx) {
        ctx.json(ProfileRepresentation.of(profiles.get(ctx.pathParam("userId"))));
    }

    private void delete(Context ctx) {
        profiles.delete(ctx.pathParam("userId"));
        ctx.status(204);
    }

    /** Each item is saved or rejected on its own; the reply has one result per item, in order. */
    @SuppressWarnings("unchecked")
    private void batch(Context ctx) {
        JsonFields envelope = JsonFields.of(Json.body(ctx, maxBody), Set.of("profiles"));
        JsonNode items = envelope.array("profiles", MAX_BATCH);
        if (!envelope.ok()) throw new InvalidInputException(envelope.errors());
        List<Map<String, Object>> results = new ArrayList<>(items.size());
        int created = 0, updated = 0, rejected = 0;
        for (int i = 0; i < items.size(); i++) {
            ProfileRequests.Parsed p = ProfileRequests.parse(items.get(i));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", i);
            r.put("userId", p.userId());
            List<FieldError> errors = new ArrayList<>(p.errors());
            if (p.userId() == null && errors.stream().noneMatch(e -> e.field().equals("userId"))) {
                errors.add(new FieldError("userId", "is required"));
            }
            if (errors.isEmpty()) {
                try {
                    ProfileService.Saved saved = profiles.put(p.userId(), p.changes());
                    r.put("status", saved.created() ? "created" : "updated");
                    if (saved.created()) created++;
                    else updated++;
                } catch (InvalidInputException e) {
                    errors.addAll(e.errors());
                }
            }
            if (!errors.isEmpty()) {
                rejected++;
                r.put("status", "rejected");
                String at = "profiles[" + i + "]";
                r.put("errors", errors.stream().map(e -> e.under(at)).toList());
            }
            results.add(r);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("created", created);
        body.put("updated", updated);
        body.put("rejected", rejected);
        body.put("results", results);
        if (rejected > 0 && rejected == items.size()) {
            List<FieldError> all = new ArrayList<>();
            results.forEach(r -> all.addAll((List<FieldError>) r.get("errors")));
            Problem p = Problem.of(400, "invalid-input", "Invalid input", "no profile in the batch was valid", ctx.path())
                    .withErrors(all);
            ctx.status(400).contentType(Problem.CONTENT_TYPE).result(Json.write(p));
            return;
        }
        ctx.json(body);
    }

    private void addPushToken(Context ctx) {
        JsonFields f = JsonFields.of(Json.body(ctx, maxBody), Set.of("token", "platform"));
        String token = f.string("token", true);
        String platformText = f.string("platform", true);
        Platform platform = platformText == null ? null : Platform.fromWire(platformText).orElse(null);
        if (platformText != null && platform == null) f.errors().add(new FieldError("platform", "must be ios or android"));
        if (!f.ok()) throw new InvalidInputException(f.errors());
        Profile p = profiles.addPushToken(ctx.pathParam("userId"), token, platform);
        var saved = p.pushTokens().stream().filter(t -> t.token().equals(token)).findFirst()
                .orElseThrow(() -> new IllegalStateException("token was saved but is not on the profile"));
        ctx.status(201).json(ProfileRepresentation.PushTokenRepresentation.of(saved));
    }

    private void removePushToken(Context ctx) {
        profiles.removePushToken(ctx.pathParam("userId"), ctx.pathParam("token"));
        ctx.status(204);
    }

}
