package dev.audience.http.console;

import dev.audience.apikey.ApiKeyService;
import dev.audience.campaign.CampaignService;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.event.EventService;
import dev.audience.profile.ProfileService;
import dev.audience.segment.SegmentService;
import dev.audience.segment.StaticMembers;
import dev.audience.user.ConsoleUserService;
import io.javalin.config.RoutesConfig;

/**
 * The marketer console: server-rendered pages under /console, another edge beside the JSON API, calling the same
 * domain services. Each request passes {@link ConsoleGuard} (session → CSRF → role) before its page.
 */
public final class Console {
    /** The domain services the pages call. */
    public record Services(ConsoleUserService users, ApiKeyService apiKeys, ProfileService profiles, EventService events,
                           SegmentService segments, StaticMembers staticMembers, CampaignService campaigns,
                           DeliveryLedger ledger) {}

    private final Services services;
    private final SessionCookies cookies;

    /** {@code httpsOnly}: the console is reached over https (behind a proxy too), so cookies are always Secure. */
    public Console(Services services, boolean httpsOnly) {
        this.services = services;
        this.cookies = new SessionCookies(httpsOnly);
    }

    public void register(RoutesConfig r) {
        r.beforeMatched(new ConsoleGuard(services.users())::check);
        new SignInPage(services.users(), cookies).register(r);
        new OverviewPage(services.campaigns(), services.segments()).register(r);
        SegmentPage segment = new SegmentPage(services.segments(), services.staticMembers());
        new SegmentsPage(services.segments(), segment).register(r);
        segment.register(r);
        new ProfilesPage(services.profiles(), services.events(), services.segments(), services.ledger(),
                services.campaigns()).register(r);
        new UsersPage(services.users()).register(r);
        new ApiKeysPage(services.apiKeys()).register(r);
    }
}
