package dev.audience.http.console;

import io.javalin.http.Context;

/**
 * The console's cookies, written by hand so that every attribute is plain to see: HttpOnly (no script reads them),
 * SameSite=Lax (a cross-site POST carries none), Path=/console (the JSON API never gets them), and Secure when the
 * console is reached over https (the request's own scheme, or an https {@code http.public_url} behind a proxy).
 * The session cookie has no Max-Age: the server ends the session (idle and longest lifetimes); the browser forgets
 * the cookie when it closes.
 */
final class SessionCookies {
    static final String SESSION = "audience_session";
    /** The sign-in form's anti-forgery token (double submit: this cookie and a hidden field must match). */
    static final String SIGN_IN = "audience_sign_in";

    private final boolean alwaysSecure;

    SessionCookies(boolean alwaysSecure) {
        this.alwaysSecure = alwaysSecure;
    }

    void set(Context ctx, String name, String value) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + attributes(ctx));
    }

    void clear(Context ctx, String name) {
        ctx.res().addHeader("Set-Cookie", name + "=; Max-Age=0" + attributes(ctx));
    }

    private String attributes(Context ctx) {
        boolean secure = alwaysSecure || "https".equalsIgnoreCase(ctx.scheme());
        return "; Path=/console; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
