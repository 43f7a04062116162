package dev.audience.http;

import dev.audience.config.AudienceConfig;
import io.javalin.Javalin;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP server: Javalin on Jetty with virtual threads. Every route is registered through here, with
 * its {@link Access}; errors go through {@link ErrorMapper}; each request is timed into the registry.
 */
public final class AudienceServer {
    private static final Logger LOG = LoggerFactory.getLogger(AudienceServer.class);

    /**
     * A registered route, as "METHOD /path/{param}". The JSON API's routes (everything outside {@code /console}) are
     * checked against the OpenAPI document by a test; console routes are HTML pages for people, not part of it.
     */
    public record Route(String method, String path) {
        public boolean console() {
            return HtmlPages.covers(path);
        }
    }

    private final Javalin app;
    private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());

    /**
     * {@code ahead}: Jetty handlers that answer some requests before Javalin sees them (the busiest routes),
     * passing the rest on; they sit inside the graceful-stop handler like everything else.
     */
    public AudienceServer(AudienceConfig.Http http, Authenticator auth, MeterRegistry metrics,
                          List<Consumer<RoutesConfig>> registrations, List<Handler.Wrapper> ahead, HtmlPages html) {
        this.app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = http.maxBodyBytes();
            cfg.http.defaultContentType = "application/json";
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(Json.javalinMapper());
            html.configure(cfg);
            cfg.jetty.modifyServer(server -> {
                // On stop: refuse new connections, let requests in flight finish (up to 10 s), then close.
                server.setStopTimeout(Duration.ofSeconds(10).toMillis());
                ahead.forEach(server::insertHandler);
                server.insertHandler(new GracefulHandler());
                server.setErrorHandler(new ProblemErrorHandler());
            });
            cfg.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod() && h.getHttpMethod() != HandlerType.HEAD) {
                    routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
                }
            });
            cfg.requestLogger.http((ctx, ms) -> {
                String route = ctx.endpoints().lastHttpEndpoint() == null ? "unmatched"
                        : ctx.endpoints().lastHttpEndpoint().path;
                Timer.builder("audience_http_requests").tag("method", ctx.method().name()).tag("route", route)
                        .tag("status", String.valueOf(ctx.statusCode())).register(metrics)
                        .record(Duration.ofNanos((long) (ms * 1_000_000)));
                if (LOG.isDebugEnabled()) {
                    LOG.debug("request method={} path={} status={} ms={}", ctx.method(), ctx.path(), ctx.statusCode(), ms);
                }
            });
            cfg.routes.beforeMatched(auth::check);
            ErrorMapper.register(cfg.routes, html);
            registrations.forEach(r -> r.accept(cfg.routes));
        });
        app.start(http.host(), http.port());
    }

    public int port() {
        return app.port();
    }

    /** Requests being handled now (Jetty's statistics). */
    public int requestsInFlight() {
        StatisticsHandler stats = app.jettyServer().server().getDescendant(StatisticsHandler.class);
        return stats == null ? 0 : stats.getRequestsActive();
    }

    /** True once a stop has begun: no new connections are taken. */
    public boolean stopping() {
        return app.jettyServer().server().isStopping() || app.jettyServer().server().isStopped();
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The JSON API's and the operators' routes: every route but the console's HTML pages. */
    public List<Route> apiRoutes() {
        return routes().stream().filter(r -> !r.console()).toList();
    }

    /** Stops accepting, lets requests in flight finish (up to 10 s), then stops. */
    public void stop() {
        app.stop();
    }
}
