package dev.audience.http.console;

import dev.audience.apikey.ApiKeyService;
import dev.audience.banner.BannerTracking;
import dev.audience.banner.PlacementService;
import dev.audience.campaign.CampaignService;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.event.EventService;
import dev.audience.experiment.ExperimentService;
import dev.audience.profile.ProfileService;
import dev.audience.profile.ProfileStore;
import dev.audience.segment.SegmentService;
import dev.audience.segment.StaticMembers;
import dev.audience.user.ConsoleUserService;
import io.javalin.config.RoutesConfig;

import java.time.Clock;

/**
 * The marketer console: server-rendered pages under /console, another edge beside the JSON API, calling the same
 * domain services. Each request passes {@link ConsoleGuard} (session → CSRF → role) before its page.
 */
public final class Console {
    /**
     * The domain services the pages call. {@code profileStore} names the userIds of ledger rows; {@code banners}
     * reads banner stats; {@code wakeDelivery} tells the sending threads that a test send or a send is due now.
     */
    public record Services(ConsoleUserService users, ApiKeyService apiKeys, ProfileService profiles, EventService events,
                           SegmentService segments, StaticMembers staticMembers, CampaignService campaigns,
                           DeliveryLedger ledger, ProfileStore profileStore, BannerTracking banners,
                           PlacementService placements, ExperimentService experiments, ChannelChecks channels,
                           Runnable wakeDelivery, Clock clock) {}

    private final Services services;
    private final SessionCookies cookies;

    /** {@code httpsOnly}: the console is reached over https (behind a proxy too), so cookies are always Secure. */
    public Console(Services services, boolean httpsOnly) {
        this.services = services;
        this.cookies = new SessionCookies(httpsOnly);
    }

    public void register(RoutesConfig r) {
        Services s = services;
        r.beforeMatched(new ConsoleGuard(s.users())::check);
        new SignInPage(s.users(), cookies).register(r);
        new OverviewPage(s.campaigns(), s.segments()).register(r);
        SegmentPage segment = new SegmentPage(s.segments(), s.staticMembers());
        new SegmentsPage(s.segments(), segment).register(r);
        segment.register(r);
        new ProfilesPage(s.profiles(), s.events(), s.segments(), s.ledger(), s.campaigns()).register(r);
        new CampaignsPage(s.campaigns(), s.ledger()).register(r);
        CampaignAudienceStep audience = new CampaignAudienceStep(s.campaigns(), s.segments());
        new CampaignContentStep(s.campaigns(), s.segments(), s.placements(), audience).register(r);
        audience.register(r);
        new CampaignSendSteps(s.campaigns(), s.segments(), s.ledger(), s.wakeDelivery(), s.clock()).register(r);
        new CampaignPage(s.campaigns(), s.segments(), s.ledger(), s.profileStore(), s.banners()).register(r);
        new PlacementsPage(s.placements(), s.campaigns()).register(r);
        new ExperimentsPage(s.experiments(), s.segments()).register(r);
        new ExperimentPage(s.experiments()).register(r);
        new FlagsPage(s.experiments(), s.segments()).register(r);
        new UsersPage(s.users()).register(r);
        new ApiKeysPage(s.apiKeys()).register(r);
        new ChannelsPage(s.channels()).register(r);
    }
}
