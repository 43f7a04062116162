package dev.audience.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * The server-rendered side of the server (the console, under {@link #PREFIX}): it sets up template rendering and its
 * static assets, and shows the problems of its requests as HTML pages, where the JSON API shows problem documents.
 */
public interface HtmlPages {
    String PREFIX = "/console";

    /** True for a path of the HTML side: {@code /console} and everything under it. */
    static boolean covers(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Template rendering and static assets, set on the server's configuration before it starts. */
    void configure(JavalinConfig config);

    /** Answers a failed request of the HTML side with a page saying what went wrong, with the problem's status. */
    void writeProblem(Context ctx, Problem problem);
}
