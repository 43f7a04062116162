package dev.audience.http.api;

import dev.audience.common.Text;
import dev.audience.delivery.Delivery;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.delivery.tracking.Click;
import dev.audience.delivery.tracking.Signer;
import dev.audience.delivery.tracking.TrackingLinks;
import dev.audience.delivery.tracking.Unsubscribe;
import dev.audience.delivery.tracking.UnsubscribeTokens;
import dev.audience.event.EventProperties;
import dev.audience.event.EventService;
import dev.audience.event.IncomingEvent;
import dev.audience.http.Access;
import dev.audience.profile.EmailStatus;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public links in campaign emails: unsubscribe (a confirmation page on GET, one click on POST, as
 * RFC 8058 asks), the open pixel and click redirects. Tokens are signed: a forged or altered one changes
 * nothing, and a redirect only ever goes to a URL that was in the email (no open redirect).
 */
public final class LinksApi {
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Signer signer;
    private final UnsubscribeTokens unsubscribe;
    private final DeliveryLedger ledger;
    private final ProfileStore profiles;
    private final EventService events;
    private final Clock clock;

    public LinksApi(Signer signer, DeliveryLedger ledger, ProfileStore profiles, EventService events, Clock clock) {
        this.signer = signer;
        this.unsubscribe = new UnsubscribeTokens(signer);
        this.ledger = ledger;
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
    }

    public void register(RoutesConfig r) {
        r.get("/u/{token}", this::confirm, Access.PUBLIC);
        r.post("/u/{token}", this::unsubscribe, Access.PUBLIC);
        r.get("/t/o/{token}", this::open, Access.PUBLIC);
        r.get("/t/c/{token}", this::click, Access.PUBLIC);
    }

    private Optional<Profile> profileOf(Unsubscribe u) {
        return profiles.byOrdinals(new int[]{u.ordinal()}).stream().findFirst();
    }

    private void confirm(Context ctx) {
        Optional<Unsubscribe> u = unsubscribe.read(ctx.pathParam("token"));
        Optional<Profile> p = u.flatMap(this::profileOf);
        if (p.isEmpty()) {
            page(ctx, 400, "This link is not valid", "It may have been changed or cut. Use the link from the email as it is.");
            return;
        }
        String who = p.get().email() == null ? "this address" : escape(p.get().email());
        page(ctx, 200, "Unsubscribe", "Stop sending email to " + who + "?"
                + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    private void unsubscribe(Context ctx) {
        Optional<Unsubscribe> u = unsubscribe.read(ctx.pathParam("token"));
        Optional<Profile> p = u.flatMap(this::profileOf);
        if (p.isEmpty()) {
            page(ctx, 400, "This link is not valid", "Nothing was changed.");
            return;
        }
        var now = clock.instant();
        if (p.get().emailStatus() == EmailStatus.SUBSCRIBED) {
            profiles.setEmailStatus(p.get().ordinal(), EmailStatus.UNSUBSCRIBED, now);
            record(p.get().userId(), "email_unsubscribed", "{\"campaign\":\"" + u.get().campaignId() + "\"}",
                    List.of("campaign"), "unsubscribe:" + u.get().campaignId() + ":" + p.get().ordinal());
        }
        page(ctx, 200, "You are unsubscribed", "You will get no more email from us at this address.");
    }

    private void open(Context ctx) {
        TrackingLinks.readOpen(signer, ctx.pathParam("token")).flatMap(this::delivery).ifPresent(d -> {
            if (ledger.opened(d.id(), clock.instant())) engagement(d, "email_opened", null);
        });
        ctx.header("Cache-Control", "no-store").contentType(io.javalin.http.ContentType.IMAGE_GIF).result(PIXEL);
    }

    private void click(Context ctx) {
        Optional<Click> c = TrackingLinks.readClick(signer, ctx.pathParam("token"));
        if (c.isEmpty()) {
            page(ctx, 400, "This link is not valid", "It may have been changed or cut.");
            return;
        }
        delivery(c.get().deliveryId()).ifPresent(d -> {
            if (ledger.clicked(d.id(), clock.instant())) engagement(d, "email_clicked", c.get().url());
        });
        ctx.status(302).header("Location", c.get().url());
    }

    private Optional<Delivery> delivery(String id) {
        try {
            return ledger.find(Long.parseLong(id)).filter(d -> !d.test());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The first open or click of a message becomes an analytics event, so segments can use it. */
    private void engagement(Delivery d, String name, String url) {
        String userId = profiles.userIdsOf(new int[]{d.ordinal()}).get(d.ordinal());
        if (userId == null) return;
        String json = url == null ? "{\"campaign\":\"" + d.campaignId() + "\"}"
                : "{\"campaign\":\"" + d.campaignId() + "\",\"url\":" + Text.jsonString(url) + "}";
        record(userId, name, json, url == null ? List.of("campaign") : List.of("campaign", "url"), name + ":" + d.id());
    }

    private void record(String userId, String name, String json, List<String> names, String messageId) {
        events.ingest(List.of(new IncomingEvent(userId, name, clock.instant(), new EventProperties(json, names), messageId)),
                Map.of());
    }

    private static void page(Context ctx, int status, String title, String body) {
        ctx.status(status).contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"en\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>" + escape(title)
                + "</title></head><body style=\"font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto\">"
                + "<h1>" + escape(title) + "</h1><p>" + body + "</p></body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
