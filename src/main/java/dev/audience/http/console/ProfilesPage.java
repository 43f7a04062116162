package dev.audience.http.console;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignService;
import dev.audience.delivery.Delivery;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.event.Event;
import dev.audience.event.EventService;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileService;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Profiles: search by userId or email (as it is typed, through htmx), and one profile with its attributes, consent,
 * devices, segments, recent events and the messages sent to it (its delivery ledger rows).
 */
public final class ProfilesPage {
    static final int RESULTS = 50;
    static final int RECENT = 25;

    private final ProfileService profiles;
    private final EventService events;
    private final SegmentService segments;
    private final DeliveryLedger ledger;
    private final CampaignService campaigns;

    ProfilesPage(ProfileService profiles, EventService events, SegmentService segments, DeliveryLedger ledger,
                 CampaignService campaigns) {
        this.profiles = profiles;
        this.events = events;
        this.segments = segments;
        this.ledger = ledger;
        this.campaigns = campaigns;
    }

    public record Search(String query, List<Profile> results) {}

    /** A ledger row with the name of its campaign (null when the campaign is gone). */
    public record Message(Delivery delivery, String campaignName) {}

    public record Model(Profile profile, List<SegmentView> segments, List<Event> events, List<Message> messages) {}

    void register(RoutesConfig r) {
        r.get("/console/profiles", this::search, ConsoleAccess.VIEWER);
        // by query parameter: a userId may hold any character, '/' included
        r.get("/console/profile", this::show, ConsoleAccess.VIEWER);
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        Pages.render(ctx, "profiles.jte", Pages.chrome(ctx, "Profiles", "profiles"), "page",
                new Search(q, q.isEmpty() ? List.of() : profiles.search(q, RESULTS)));
    }

    private void show(Context ctx) {
        String userId = ctx.queryParam("userId") == null ? "" : ctx.queryParam("userId");
        Profile p = profiles.get(userId);
        Map<String, String> names = campaigns.list().stream().collect(Collectors.toMap(Campaign::id, Campaign::name));
        List<Message> messages = ledger.forProfile(p.ordinal(), RECENT).stream()
                .map(d -> new Message(d, names.get(d.campaignId()))).toList();
        Pages.render(ctx, "profile.jte", Pages.chrome(ctx, p.userId(), "profiles"), "page",
                new Model(p, segments.segmentsOf(userId), events.newestFor(userId, RECENT), messages));
    }
}
