package dev.audience.http;

import dev.audience.storage.Storage;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Health, readiness, Prometheus metrics and the OpenAPI document: public, for operators and tools. */
public final class OpsApi {
    private final Storage storage;
    private final PrometheusMeterRegistry metrics;
    private final byte[] openApi;

    public OpsApi(Storage storage, PrometheusMeterRegistry metrics) {
        this.storage = storage;
        this.metrics = metrics;
        try (InputStream in = OpsApi.class.getClassLoader().getResourceAsStream("openapi.json")) {
            if (in == null) throw new IllegalStateException("openapi.json is missing from the jar");
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }

    /** A load balancer's probe gets its answer in this time: a database that does not answer is not ready. */
    static final Duration READY_WITHIN = Duration.ofSeconds(2);

    /**
     * Whether the stores answer within {@code limit}. The check runs on its own virtual thread: with the
     * database gone, taking a pooled connection waits for the pool's timeout (30 s), far past any probe's.
     */
    private boolean readyWithin(Duration limit) {
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(storage::ready, Thread::startVirtualThread);
        try {
            return check.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void register(RoutesConfig r) {
        r.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")), Access.PUBLIC);
        r.get("/readyz", ctx -> {
            boolean ready = readyWithin(READY_WITHIN);
            ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "storage unreachable"));
        }, Access.PUBLIC);
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()),
                Access.PUBLIC);
        r.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), Access.PUBLIC);
    }
}
