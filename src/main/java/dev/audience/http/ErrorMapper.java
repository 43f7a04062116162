package dev.audience.http;

import dev.audience.campaign.template.TemplateRenderException;
import dev.audience.common.ConflictException;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.common.NotFoundException;
import dev.audience.segment.lang.DefinitionException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one place where exceptions become HTTP statuses: as application/problem+json for the API, and as an HTML page
 * with the same status and detail for the console's requests ({@link HtmlPages}).
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    /** Set once a problem has been written, so that the 404 / 405 handlers that run after it leave it alone. */
    private static final String ANSWERED = "audience.problemAnswered";

    private ErrorMapper() {}

    public static void register(RoutesConfig r, HtmlPages html) {
        ProblemWriter out = (ctx, p) -> {
            ctx.attribute(ANSWERED, true);
            if (HtmlPages.covers(ctx.path())) html.writeProblem(ctx, p);
            else write(ctx, p);
        };
        r.exception(HttpProblem.class, (e, ctx) -> out.write(ctx, e.problem()));
        r.exception(InvalidInputException.class, (e, ctx) -> out.write(ctx,
                Problem.of(400, "invalid-input", "Invalid input", e.getMessage(), null).withErrors(e.errors())));
        r.exception(NotFoundException.class, (e, ctx) -> out.write(ctx,
                Problem.of(404, "not-found", "Not found", e.getMessage(), null)));
        r.exception(ConflictException.class, (e, ctx) -> out.write(ctx,
                Problem.of(409, "conflict", "Conflict", e.getMessage(), null)));
        r.exception(DefinitionException.class, (e, ctx) -> {
            String field = e.path() == null || e.path().isEmpty() ? "definition" : "definition." + e.path();
            Problem p = Problem.of(400, "invalid-definition", "Invalid segment definition", "definition: " + e.getMessage(),
                    null).withErrors(List.of(new FieldError(field, e.getMessage())));
            out.write(ctx, e.line() > 0 ? p.at(e.line(), e.column()) : p);
        });
        r.exception(TemplateRenderException.class, (e, ctx) -> out.write(ctx, Problem.of(400, "template-failed",
                "The template cannot be rendered", e.getMessage(), null)
                .withErrors(List.of(new FieldError("content." + e.field(), e.getMessage())))));
        r.exception(HttpResponseException.class, (e, ctx) -> out.write(ctx,
                Problem.of(e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage(), null)));
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            out.write(ctx, Problem.of(500, "internal", "Internal error",
                    "The server failed to handle this request; the error is in its log", null));
        });
        r.error(404, ctx -> {
            if (!isProblem(ctx)) {
                out.write(ctx, Problem.of(404, "no-route", "Not found", "No route for " + ctx.method() + " " + ctx.path(), null));
            }
        });
        r.error(405, ctx -> {
            if (!isProblem(ctx)) {
                out.write(ctx, Problem.of(405, "method-not-allowed", "Method not allowed",
                        ctx.method() + " is not allowed on " + ctx.path(), null));
            }
        });
    }

    private interface ProblemWriter {
        void write(Context ctx, Problem p);
    }

    /** True when a handler already answered with a problem (the content type carries a charset). */
    private static boolean isProblem(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(ANSWERED))) return true;
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.CONTENT_TYPE);
    }

    public static void write(Context ctx, Problem p) {
        Problem withInstance = p.instance() == null
                ? new Problem(p.type(), p.title(), p.status(), p.detail(), ctx.path(), p.errors(), p.line(), p.column())
                : p;
        ctx.status(p.status()).contentType(Problem.CONTENT_TYPE).result(Json.write(withInstance));
    }
}
