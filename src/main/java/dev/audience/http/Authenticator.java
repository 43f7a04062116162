package dev.audience.http;

import dev.audience.apikey.ApiKeyKind;
import dev.audience.apikey.ApiKeyService;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

import java.util.Optional;
import java.util.Set;

/** Checks the {@code Authorization: Bearer KEY} header against the route's {@link Access}. */
public final class Authenticator {
    private final ApiKeyService keys;

    public Authenticator(ApiKeyService keys) {
        this.keys = keys;
    }

    /** The request attribute that holds the caller's {@link ApiKeyKind}, for routes whose answer depends on it. */
    public static final String KEY_KIND = "audience.keyKind";

    /** The kind of the key in an {@code Authorization: Bearer KEY} header; empty when absent or not valid. */
    public Optional<ApiKeyKind> kindOf(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return keys.kindOf(authorizationHeader.substring(7).strip());
    }

    /** API keys guard the routes registered with an {@link Access}; others (the console's pages) have their own guard. */
    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.stream().noneMatch(r -> r instanceof Access) || roles.contains(Access.PUBLIC)) return;
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("This route needs an API key: send the header 'Authorization: Bearer KEY'");
        }
        Optional<ApiKeyKind> kind = keys.kindOf(header.substring(7).strip());
        if (kind.isEmpty()) throw unauthorized("The API key is not valid");
        ctx.attribute(KEY_KIND, kind.get());
        if (kind.get() == ApiKeyKind.PUBLISHABLE && !roles.contains(Access.PUBLISHABLE)) {
            throw new HttpProblem(Problem.of(403, "forbidden", "Forbidden",
                    "A publishable key may only send events, fetch banners, and read experiment assignments and flag answers; this route needs a secret key", null));
        }
    }

    private static HttpProblem unauthorized(String detail) {
        return new HttpProblem(Problem.of(401, "unauthorized", "Unauthorized", detail, null));
    }
}
