package dev.audience.http.console;

import dev.audience.user.Role;
import io.javalin.security.RouteRole;

/**
 * Who may open a console route: anyone (the sign-in page), or a signed-in user with at least a role. Every POST that
 * changes something needs {@link #EDITOR} or {@link #ADMIN}, so a viewer is refused by the server, not only by the
 * pages leaving the buttons out.
 */
public enum ConsoleAccess implements RouteRole {
    ANYONE(null), VIEWER(Role.VIEWER), EDITOR(Role.EDITOR), ADMIN(Role.ADMIN);

    private final Role needed;

    ConsoleAccess(Role needed) {
        this.needed = needed;
    }

    /** The least role that may open the route; null for {@link #ANYONE}. */
    public Role needed() {
        return needed;
    }
}
