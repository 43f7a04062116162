package dev.audience.http.console;

import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.user.ConsoleUser;
import dev.audience.user.ConsoleUserService;
import dev.audience.user.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/** Settings → console users (admins only): the list, a new user with a role, a role changed, a user removed. */
public final class UsersPage {
    private static final List<String> FIELDS = List.of("email", "role", "password");

    private final ConsoleUserService users;

    UsersPage(ConsoleUserService users) {
        this.users = users;
    }

    /** {@code rowId} and {@code rowError}: a refused change, shown in that user's row. */
    public record Model(List<ConsoleUser> users, Form form, String rowId, String rowError, String created, String selfId) {
        public List<Role> roles() {
            return List.of(Role.values());
        }
    }

    void register(RoutesConfig r) {
        r.get("/console/settings", ctx -> Pages.seeOther(ctx, "/console/settings/users"), ConsoleAccess.ADMIN);
        r.get("/console/settings/users", ctx -> show(ctx, Form.empty().with("role", "editor"), null, null), ConsoleAccess.ADMIN);
        r.post("/console/settings/users", this::create, ConsoleAccess.ADMIN);
        r.post("/console/settings/users/{id}/role", this::changeRole, ConsoleAccess.ADMIN);
        r.post("/console/settings/users/{id}/remove", this::remove, ConsoleAccess.ADMIN);
    }

    private void show(Context ctx, Form form, String rowId, String rowError) {
        Pages.render(ctx, "users.jte", Pages.chrome(ctx, "Console users", "settings"), "page",
                new Model(users.list(), form, rowId, rowError, ctx.queryParam("created"), Pages.user(ctx).user().id()));
    }

    private void create(Context ctx) {
        Form form = Form.empty().with("email", Pages.field(ctx, "email")).with("role", Pages.field(ctx, "role"));
        try {
            ConsoleUser created = users.create(form.value("email"), Role.fromWire(form.value("role")).orElse(null),
                    ctx.formParam("password"));
            Pages.seeOther(ctx, "/console/settings/users?created=" + Format.url(created.email()));
            return;
        } catch (InvalidInputException e) {
            form.errors(e.errors(), FIELDS, "email");
        } catch (ConflictException e) {
            form.error("email", e.getMessage());
        }
        ctx.status(422);
        show(ctx, form, null, null);
    }

    private void changeRole(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            users.changeRole(id, Role.fromWire(Pages.field(ctx, "role")).orElse(null));
        } catch (InvalidInputException | ConflictException e) {
            ctx.status(e instanceof ConflictException ? 409 : 422);
            show(ctx, Form.empty().with("role", "editor"), id, e.getMessage());
            return;
        }
        Pages.seeOther(ctx, "/console/settings/users");
    }

    private void remove(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            users.remove(id);
        } catch (ConflictException e) {
            ctx.status(409);
            show(ctx, Form.empty().with("role", "editor"), id, e.getMessage());
            return;
        }
        Pages.seeOther(ctx, "/console/settings/users");
    }
}
