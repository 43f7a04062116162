package dev.audience.http.console;

import dev.audience.common.InvalidInputException;
import dev.audience.user.ConsoleUserService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/**
 * Your account: who you are signed in as, and your own password changed (the current one, the new one twice). Every
 * role may change their own password; the change ends your sessions in other browsers, not this one.
 */
final class AccountPage {
    private static final List<String> FIELDS = List.of("currentPassword", "newPassword", "repeatPassword");

    private final ConsoleUserService users;

    AccountPage(ConsoleUserService users) {
        this.users = users;
    }

    void register(RoutesConfig r) {
        r.get("/console/account", ctx -> show(ctx, Form.empty(), "changed".equals(ctx.queryParam("password"))),
                ConsoleAccess.VIEWER);
        r.post("/console/account/password", this::changePassword, ConsoleAccess.VIEWER);
    }

    private void show(Context ctx, Form form, boolean changed) {
        Pages.render(ctx, "account.jte", Pages.chrome(ctx, "Your account", "account"), "form", form, "changed", changed,
                "minimum", ConsoleUserService.MIN_PASSWORD);
    }

    private void changePassword(Context ctx) {
        try {
            users.changeOwnPassword(Pages.user(ctx), ctx.formParam("currentPassword"), ctx.formParam("newPassword"),
                    ctx.formParam("repeatPassword"), ClientAddress.of(ctx));
        } catch (InvalidInputException e) {
            ctx.status(422);
            show(ctx, Form.empty().errors(e.errors(), FIELDS, "newPassword"), false); // no password is sent back
            return;
        }
        Pages.seeOther(ctx, "/console/account?password=changed");
    }
}
