package dev.audience.http.console;

import dev.audience.user.SignedIn;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What every page does: find who is signed in, build the layout's {@link Chrome}, render a template, redirect. */
final class Pages {
    /** The request attribute holding the {@link SignedIn} that {@link ConsoleGuard} found. */
    static final String SIGNED_IN = "audience.console.signedIn";

    private Pages() {}

    static Optional<SignedIn> signedIn(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SIGNED_IN));
    }

    /** The signed-in user of a guarded route (the guard has made sure there is one). */
    static SignedIn user(Context ctx) {
        return signedIn(ctx).orElseThrow(() -> new IllegalStateException("console route without the guard: " + ctx.path()));
    }

    static Chrome chrome(Context ctx, String title, String section) {
        return signedIn(ctx).map(s -> new Chrome(title, section, s.user(), s.session().csrfToken()))
                .orElseGet(() -> new Chrome(title, section, null, ""));
    }

    /** Renders a template with the layout's chrome and the named values: {@code "segment", view, "form", form}. */
    static void render(Context ctx, String template, Chrome chrome, Object... namesAndValues) {
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", chrome);
        for (int i = 0; i < namesAndValues.length; i += 2) model.put((String) namesAndValues[i], namesAndValues[i + 1]);
        ctx.contentType("text/html; charset=utf-8").render(template, model);
    }

    /** Renders a part of a page (for htmx), without the layout. */
    static void renderPart(Context ctx, String template, Object... namesAndValues) {
        Map<String, Object> model = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) model.put((String) namesAndValues[i], namesAndValues[i + 1]);
        ctx.contentType("text/html; charset=utf-8").render(template, model);
    }

    /** After a change: the browser loads the page that shows it (a reload does not send the form again). */
    static void seeOther(Context ctx, String path) {
        ctx.redirect(path, HttpStatus.SEE_OTHER);
    }

    /** True for a request htmx made (it answers with a part of a page). */
    static boolean htmx(Context ctx) {
        return ctx.header("HX-Request") != null;
    }

    /** The values of a field sent several times (checkboxes), stripped, without empty ones. */
    static java.util.List<String> fields(Context ctx, String name) {
        return ctx.formParams(name).stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    /** A form value, stripped; "" when absent. */
    static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }
}
