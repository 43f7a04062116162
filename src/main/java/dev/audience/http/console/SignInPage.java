package dev.audience.http.console;

import dev.audience.user.ConsoleUserService;
import dev.audience.user.SignInResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Sign-in and sign-out. The sign-in form has no session to tie a CSRF token to yet, so it carries its own token
 * twice (double submit): in a cookie and in a hidden field, which a page elsewhere cannot both set. A successful
 * sign-in starts a new session (a cookie planted before it is never reused) and goes back to the page asked for.
 * Repeated failures lock the email or the client address for a while ({@link dev.audience.user.SignInThrottle}): 429,
 * with the time left. The client address is {@link ClientAddress}'s (the proxy's X-Forwarded-For behind one).
 */
final class SignInPage {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Only a console path may be the page to go back to after signing in (no other site, no climbing out of it). */
    private static final Pattern NEXT = Pattern.compile("^/console(/[A-Za-z0-9._~%/-]*)?(\\?[^\\s\\\\]*)?$");

    private final ConsoleUserService users;
    private final SessionCookies cookies;
    private final Clock clock;

    SignInPage(ConsoleUserService users, SessionCookies cookies, Clock clock) {
        this.users = users;
        this.cookies = cookies;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/console/sign-in", this::show, ConsoleAccess.ANYONE);
        r.post("/console/sign-in", this::signIn, ConsoleAccess.ANYONE);
        r.post("/console/sign-out", this::signOut, ConsoleAccess.VIEWER);
    }

    private void show(Context ctx) {
        String next = next(ctx.queryParam("next"));
        if (users.signedIn(ctx.cookie(SessionCookies.SESSION)).isPresent()) {
            Pages.seeOther(ctx, next);
            return;
        }
        form(ctx, Form.empty(), next);
    }

    private void signIn(Context ctx) {
        String next = next(ctx.formParam("next"));
        String email = Pages.field(ctx, "email");
        Form form = Form.empty().with("email", email);
        if (!tokenMatches(ctx.cookie(SessionCookies.SIGN_IN), ctx.formParam(ConsoleGuard.CSRF_FIELD))) {
            ctx.status(403);
            form(ctx, form.error("form", "This sign-in form had expired or did not come from this console; try again."), next);
            return;
        }
        switch (users.signIn(email, ctx.formParam("password"), ClientAddress.of(ctx))) {
            case SignInResult.Opened opened -> {
                cookies.clear(ctx, SessionCookies.SIGN_IN);
                cookies.set(ctx, SessionCookies.SESSION, opened.token());
                Pages.seeOther(ctx, next);
            }
            case SignInResult.Refused refused -> {
                ctx.status(401);
                form(ctx, form.error("password", "The email or the password is wrong."), next);
            }
            case SignInResult.Locked locked -> {
                long minutes = Math.max(1, (Duration.between(clock.instant(), locked.until()).toSeconds() + 59) / 60);
                ctx.status(429).header("Retry-After", Long.toString(minutes * 60));
                form(ctx, form.error("form", "Too many failed sign-ins with this email or from this address: signing in "
                        + "is locked for " + Format.plural(minutes, "more minute", "more minutes") + " (until "
                        + Format.time(locked.until()) + "). If the password is forgotten, an admin can set a new one."), next);
            }
            case SignInResult.Deactivated deactivated -> {
                ctx.status(403);
                form(ctx, form.error("form", "This console user has been deactivated. Ask an admin to reactivate it."), next);
            }
        }
    }

    private void signOut(Context ctx) {
        users.signOut(ctx.cookie(SessionCookies.SESSION));
        cookies.clear(ctx, SessionCookies.SESSION);
        Pages.seeOther(ctx, "/console/sign-in");
    }

    private void form(Context ctx, Form form, String next) {
        String token = newToken();
        cookies.set(ctx, SessionCookies.SIGN_IN, token);
        Pages.render(ctx, "signIn.jte", Pages.chrome(ctx, "Sign in", ""), "form", form, "token", token, "next", next);
    }

    static String next(String asked) {
        boolean climbs = asked != null && (asked.contains("..") || asked.toLowerCase(java.util.Locale.ROOT).contains("%2e"));
        return asked != null && !climbs && NEXT.matcher(asked).matches() ? asked : "/console";
    }

    private static boolean tokenMatches(String cookie, String field) {
        return cookie != null && field != null && !cookie.isEmpty()
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }

    private static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
