package dev.audience.http.console;

import dev.audience.http.HttpProblem;
import dev.audience.http.Problem;
import dev.audience.user.ConsoleUserService;
import dev.audience.user.SignedIn;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Runs before every console route, in this order: the session (the cookie names a live session, or a page request is
 * sent to sign in) → CSRF (every request that is not a GET must send the session's token back, in the
 * {@code X-CSRF-Token} header that htmx adds or in the {@code _csrf} form field) → the role (the route's
 * {@link ConsoleAccess}) → the page. Refusals are problems, shown by the error page with their status.
 */
final class ConsoleGuard {
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    /**
     * Pages may show data about people: not kept by caches, not framed, no scripts from elsewhere. Images may come
     * over https from anywhere: campaign previews show the images the email, push or banner will carry (from the
     * customer's CDN); an image cannot run anything. The email preview's sandboxed srcdoc iframe inherits this policy.
     */
    private static final String CSP = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final ConsoleUserService users;

    ConsoleGuard(ConsoleUserService users) {
        this.users = users;
    }

    void check(Context ctx) {
        ConsoleAccess access = accessOf(ctx);
        if (access == null) return; // not a console route
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        if (access == ConsoleAccess.ANYONE) return;

        Optional<SignedIn> signedIn = users.signedIn(ctx.cookie(SessionCookies.SESSION));
        if (signedIn.isEmpty()) {
            signInFirst(ctx);
            return;
        }
        ctx.attribute(Pages.SIGNED_IN, signedIn.get());
        if (!isSafe(ctx.method()) && !csrfMatches(ctx, signedIn.get().session().csrfToken())) {
            throw new HttpProblem(Problem.of(403, "csrf", "Form not accepted",
                    "This request did not carry this session's form token, so it may not come from this console. "
                            + "Reload the page and try again.", null));
        }
        if (!signedIn.get().user().role().atLeast(access.needed())) {
            throw new HttpProblem(Problem.of(403, "forbidden", "Not allowed",
                    "Your role (" + signedIn.get().user().role().wireName() + ") may not do this; it needs "
                            + access.needed().wireName() + ". Ask an admin.", null));
        }
    }

    /** A page request goes to the sign-in page and back; htmx is told to go there; anything else is refused. */
    private static void signInFirst(Context ctx) {
        String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        String signIn = "/console/sign-in?next=" + Format.url(back);
        if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Redirect", signIn).status(401).result("");
            ctx.skipRemainingHandlers();
        } else if (ctx.method() == HandlerType.GET) {
            ctx.redirect(signIn, HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
        } else {
            throw new HttpProblem(Problem.of(401, "signed-out", "Signed out",
                    "You are not signed in, or your session has ended. Sign in again.", null));
        }
    }

    private static boolean csrfMatches(Context ctx, String expected) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) sent = ctx.formParam(CSRF_FIELD);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isSafe(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD;
    }

    private static ConsoleAccess accessOf(Context ctx) {
        for (RouteRole r : ctx.routeRoles()) if (r instanceof ConsoleAccess a) return a;
        return null;
    }
}
