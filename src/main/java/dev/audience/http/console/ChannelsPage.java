package dev.audience.http.console;

import dev.audience.profile.Platform;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.regex.Pattern;

/**
 * Settings → Channels (admins only): the SMTP, APNs and FCM settings as configured (read-only: they come from the
 * configuration file and the environment; secrets are masked), each with a test send whose answer, the relay's reply
 * or the provider's outcome, is shown beside its form.
 */
public final class ChannelsPage {
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ChannelChecks channels;

    ChannelsPage(ChannelChecks channels) {
        this.channels = channels;
    }

    /** The three channels; per test form what was typed and, after a send, its outcome. */
    public record Model(ChannelChecks.Channel smtp, ChannelChecks.Channel apns, ChannelChecks.Channel fcm,
                        Form email, ChannelChecks.Outcome emailResult, Form ios, ChannelChecks.Outcome iosResult,
                        Form android, ChannelChecks.Outcome androidResult) {}

    void register(RoutesConfig r) {
        r.get("/console/settings/channels", ctx -> show(ctx, emailForm(ctx), null, Form.empty(), null, Form.empty(), null),
                ConsoleAccess.ADMIN);
        r.post("/console/settings/channels/email-test", this::testEmail, ConsoleAccess.ADMIN);
        r.post("/console/settings/channels/{platform}-test", this::testPush, ConsoleAccess.ADMIN);
    }

    /** The test email comes from the signed-in admin and goes to them unless they type another address. */
    private static Form emailForm(Context ctx) {
        String me = Pages.user(ctx).user().email();
        return Form.empty().with("from", me).with("to", me);
    }

    private void show(Context ctx, Form email, ChannelChecks.Outcome emailResult, Form ios, ChannelChecks.Outcome iosResult,
                      Form android, ChannelChecks.Outcome androidResult) {
        Pages.render(ctx, "channels.jte", Pages.chrome(ctx, "Channels", "settings"), "page", new Model(channels.smtp(),
                channels.apns(), channels.fcm(), email, emailResult, ios, iosResult, android, androidResult));
    }

    private void testEmail(Context ctx) {
        Form form = Form.empty().with("from", Pages.field(ctx, "from")).with("to", Pages.field(ctx, "to"));
        for (String f : new String[]{"from", "to"}) {
            if (!ADDRESS.matcher(form.value(f)).matches()) form.error(f, "must be an email address, like you@example.com");
        }
        if (form.hasErrors()) {
            ctx.status(422);
            show(ctx, form, null, Form.empty(), null, Form.empty(), null);
            return;
        }
        show(ctx, form, channels.sendTestEmail(form.value("from"), form.value("to")), Form.empty(), null, Form.empty(), null);
    }

    private void testPush(Context ctx) {
        Platform platform = Platform.fromWire(ctx.pathParam("platform"))
                .orElseThrow(() -> new dev.audience.common.NotFoundException("no push platform " + ctx.pathParam("platform")));
        String field = platform == Platform.IOS ? "iosToken" : "androidToken";
        Form form = Form.empty().with(field, Pages.field(ctx, field));
        ChannelChecks.Channel channel = platform == Platform.IOS ? channels.apns() : channels.fcm();
        ChannelChecks.Outcome outcome = null;
        if (!channel.configured()) {
            form.error(field, channel.name() + " is not configured on this server: set " + channel.howToConfigure());
        } else if (form.value(field).isEmpty()) {
            form.error(field, "is required: a device token of the app, as the app registered it");
        } else {
            outcome = channels.sendTestPush(platform, form.value(field));
        }
        if (form.hasErrors()) ctx.status(422);
        if (platform == Platform.IOS) show(ctx, emailForm(ctx), null, form, outcome, Form.empty(), null);
        else show(ctx, emailForm(ctx), null, Form.empty(), null, form, outcome);
    }
}
