package dev.audience.http;

import dev.audience.common.IdempotencyStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on the API's POSTs: a client that sends one and retries (a timeout, a dropped
 * connection) gets the first request's answer again, marked {@code Idempotent-Replayed: true}, instead of
 * the work done twice. A key is bound to its route for a day, whatever the body; answers with a 5xx status
 * are not kept (the client may retry the work). Runs after the API key check, so only a caller with a valid
 * key reads or claims keys.
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    static final Duration KEEP = Duration.ofHours(24);
    /** A request that claimed a key and never finished (its node died) gives the key up after this. */
    static final Duration ABANDONED = Duration.ofMinutes(1);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String CLAIMED = "audience.idempotencyKey";

    private final IdempotencyStore store;
    private final Clock clock;
    private final AtomicInteger sinceExpiry = new AtomicInteger();

    public IdempotencyKeys(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void register(RoutesConfig r) {
        r.beforeMatched("/api/v1/*", this::before);
        r.after("/api/v1/*", this::after);
    }

    private void before(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null || ctx.method() != HandlerType.POST) return;
        if (!KEY.matcher(key).matches()) {
            throw new HttpProblem(Problem.of(400, "bad-idempotency-key", "Bad Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID", null));
        }
        Instant now = clock.instant();
        if (sinceExpiry.incrementAndGet() % 1000 == 0) store.expire(now.minus(KEEP));
        String route = ctx.path();
        if (store.begin(key, route, now) || store.takeOver(key, route, now, now.minus(ABANDONED))) {
            ctx.attribute(CLAIMED, key);
            return;
        }
        Optional<IdempotencyStore.Answer> kept = store.find(key, route);
        if (kept.isEmpty() || kept.get().status() == null) {
            throw new HttpProblem(Problem.of(409, "idempotency-key-in-use", "Idempotency-Key in use",
                    "A request with this Idempotency-Key is being handled now; retry in a moment", null));
        }
        IdempotencyStore.Answer a = kept.get();
        ctx.status(a.status()).header("Idempotent-Replayed", "true");
        if (a.contentType() != null) ctx.contentType(a.contentType());
        if (a.body() != null) ctx.result(a.body());
        ctx.skipRemainingHandlers();
    }

    private void after(Context ctx) {
        String key = ctx.attribute(CLAIMED);
        if (key == null) return;
        if (ctx.statusCode() >= 500) {
            store.forget(key, ctx.path());
        } else {
            store.complete(key, ctx.path(), ctx.statusCode(), ctx.res().getContentType(), ctx.result());
        }
    }
}
