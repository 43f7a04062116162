package dev.audience.http.console;

import io.javalin.http.Context;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The form that copies an experiment or a flag: the copy needs a key of its own (apps ask by it) and a name, both
 * proposed from the original's. Errors show at their field; a key taken is one of them.
 */
public record CopyForm(String title, String section, String original, String explanation, String action, String back,
                       Form form) {
    private static final List<String> FIELDS = List.of("key", "name");

    static Form proposal(String key, String name) {
        String copyKey = key.length() > 59 ? key.substring(0, 59) : key;
        return Form.empty().with("key", copyKey + "-copy").with("name", "Copy of " + name);
    }

    void show(Context ctx) {
        Pages.render(ctx, "copy.jte", Pages.chrome(ctx, title, "experiments"), "page", this);
    }

    /** Reads the form and makes the copy with {@code make(key, name)}; redirects to {@code next} or shows the errors. */
    void submit(Context ctx, BiFunction<String, String, ?> make, String next) {
        form.with("key", Pages.field(ctx, "key")).with("name", Pages.field(ctx, "name"));
        if (form.save(() -> make.apply(form.value("key"), form.value("name")), FIELDS, "key").isPresent()) {
            Pages.seeOther(ctx, next.replace("{key}", Format.url(form.value("key"))));
            return;
        }
        ctx.status(422);
        show(ctx);
    }
}
