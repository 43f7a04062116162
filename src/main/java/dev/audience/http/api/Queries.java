package dev.audience.http.api;

import dev.audience.common.InvalidInputException;
import io.javalin.http.Context;

/** Query-string parameters, checked with errors that name them. */
final class Queries {
    private Queries() {}

    static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) return defaultValue;
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException(name, "must be a whole number from " + min + " to " + max + ", was \"" + s + "\"");
    }
}
