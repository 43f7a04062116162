package dev.audience.http.console;

import io.javalin.http.Context;

/**
 * A destructive change asked once more, on a page of its own (no script needed): what goes, a button that does it (a
 * form with the session's CSRF token) and a way back. A refusal (409) is shown on the same page, under the button.
 */
public record Confirmation(String title, String question, String detail, String action, String button, String back,
                           String error) {
    public Confirmation refused(String message) {
        return new Confirmation(title, question, detail, action, button, back, message);
    }

    void show(Context ctx, String section) {
        Pages.render(ctx, "confirm.jte", Pages.chrome(ctx, title, section), "page", this);
    }
}
