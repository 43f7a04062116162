package dev.audience.http;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone, a publishable or secret key, or only a secret key. */
public enum Access implements RouteRole {
    PUBLIC, PUBLISHABLE, SECRET
}
