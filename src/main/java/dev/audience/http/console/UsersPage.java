package dev.audience.http.console;

import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.user.ConsoleUser;
import dev.audience.user.ConsoleUserService;
import dev.audience.user.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.List;

/**
 * Settings → console users (admins only): the list, a new user with a role, a role changed, a user removed; and one
 * user's page: a new password set for them (their sessions end), deactivated or reactivated. A removal is asked once
 * more on a {@link Confirmation} page. Never the last active admin demoted, deactivated or removed.
 */
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
        r.get("/console/settings/users/{id}/remove", ctx -> confirmRemoval(users.find(ctx.pathParam("id"))).show(ctx, "settings"),
                ConsoleAccess.ADMIN);
        r.post("/console/settings/users/{id}/remove", this::remove, ConsoleAccess.ADMIN);
        r.get("/console/settings/users/{id}", ctx -> showUser(ctx, users.find(ctx.pathParam("id")), Form.empty()),
                ConsoleAccess.ADMIN);
        r.post("/console/settings/users/{id}/password", this::resetPassword, ConsoleAccess.ADMIN);
        r.post("/console/settings/users/{id}/deactivate", ctx -> setActive(ctx, false), ConsoleAccess.ADMIN);
        r.post("/console/settings/users/{id}/reactivate", ctx -> setActive(ctx, true), ConsoleAccess.ADMIN);
    }

    /** One user's page; {@code done} says what was just done, {@code form} holds a refused change's error. */
    public record UserModel(ConsoleUser user, Form form, String done, boolean self, int minimum) {}

    private void showUser(Context ctx, ConsoleUser user, Form form) {
        String done = switch (String.valueOf(ctx.queryParam("done"))) {
            case "password" -> "New password set. Their sessions have ended; give them the password in person or through a password manager.";
            case "deactivated" -> "Deactivated: they cannot sign in, and their sessions have ended.";
            case "reactivated" -> "Reactivated: they can sign in again.";
            default -> null;
        };
        Pages.render(ctx, "user.jte", Pages.chrome(ctx, user.email(), "settings"), "page",
                new UserModel(user, form, done, user.id().equals(Pages.user(ctx).user().id()), ConsoleUserService.MIN_PASSWORD));
    }

    private void resetPassword(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            users.resetPassword(id, ctx.formParam("password"), Pages.user(ctx));
        } catch (InvalidInputException | ConflictException e) {
            ctx.status(e instanceof ConflictException ? 409 : 422);
            Form form = Form.empty();
            if (e instanceof InvalidInputException invalid) form.errors(invalid.errors(), List.of("password"), "password");
            else form.error("password", e.getMessage());
            showUser(ctx, users.find(id), form);
            return;
        }
        Pages.seeOther(ctx, "/console/settings/users/" + Format.url(id) + "?done=password");
    }

    private void setActive(Context ctx, boolean active) {
        String id = ctx.pathParam("id");
        try {
            if (active) users.reactivate(id, Pages.user(ctx));
            else users.deactivate(id, Pages.user(ctx));
        } catch (ConflictException e) {
            ctx.status(409);
            showUser(ctx, users.find(id), Form.empty().error("access", e.getMessage()));
            return;
        }
        Pages.seeOther(ctx, "/console/settings/users/" + Format.url(id) + "?done=" + (active ? "reactivated" : "deactivated"));
    }

    private void show(Context ctx, Form form, String rowId, String rowError) {
        Pages.render(ctx, "users.jte", Pages.chrome(ctx, "Console users", "settings"), "page",
                new Model(users.list(), form, rowId, rowError, ctx.queryParam("created"), Pages.user(ctx).user().id()));
    }

    private void create(Context ctx) {
        Form form = Form.empty().with("email", Pages.field(ctx, "email")).with("role", Pages.field(ctx, "role"));
        Optional<ConsoleUser> created = form.save(() -> users.create(form.value("email"),
                Role.fromWire(form.value("role")).orElse(null), ctx.formParam("password")), FIELDS, "email");
        if (created.isPresent()) {
            Pages.seeOther(ctx, "/console/settings/users?created=" + Format.url(created.get().email()));
            return;
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

    private static Confirmation confirmRemoval(ConsoleUser u) {
        return new Confirmation("Remove " + u.email() + "?", u.email() + " (" + u.role().wireName()
                + ") goes for good: they cannot sign in, and their sessions end at once.",
                "To keep them on the list but stop them signing in, deactivate them on their own page instead.",
                "/console/settings/users/" + Format.url(u.id()) + "/remove", "Remove " + u.email(), "/console/settings/users", null);
    }

    private void remove(Context ctx) {
        ConsoleUser user = users.find(ctx.pathParam("id"));
        try {
            users.remove(user.id());
        } catch (ConflictException e) {
            ctx.status(409);
            confirmRemoval(user).refused(e.getMessage()).show(ctx, "settings");
            return;
        }
        Pages.seeOther(ctx, "/console/settings/users");
    }
}
