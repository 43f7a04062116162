package dev.audience.banner;

import dev.audience.common.InvalidInputException;
import dev.audience.common.NotFoundException;
import dev.audience.common.Text;
import dev.audience.event.EventProperties;
import dev.audience.event.EventQueue;
import dev.audience.event.IncomingEvent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Records what users do with banners: counted per banner per UTC day in the store, remembered in
 * {@link BannerViews} for caps and dismissals, and queued as analytics events ({@code banner_impression},
 * {@code banner_click}, {@code banner_dismiss}, with the banner's id and placement) so segments can use them.
 */
public final class BannerTracking {
    private final BannerActivityStore store;
    private final BannerViews views;
    private final Function<String, Optional<Tracked>> lookup;
    private final EventQueue events;
    private final Clock clock;

    /**
     * A banner campaign as tracking needs it: its placement, and whether it has gone live (active, ended or
     * cancelled). Before that (a draft or scheduled banner) only testers can see it.
     */
    public record Tracked(String placement, boolean live) {}

    /** {@code lookup} finds a banner campaign by id, empty when there is no banner with that id. */
    public BannerTracking(BannerActivityStore store, BannerViews views, Function<String, Optional<Tracked>> lookup,
                          EventQueue events, Clock clock) {
        this.store = store;
        this.views = views;
        this.lookup = lookup;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records an action. On a banner that has not gone live (a test) it only takes effect for that user
     * (a dismissed test stays dismissed): it is not counted in the stats and not stored as an event.
     */
    public void record(String bannerId, String userId, BannerAction action) {
        if (userId == null || userId.isEmpty() || userId.length() > 256) {
            throw new InvalidInputException("userId", "is required, at most 256 characters");
        }
        Tracked banner = lookup.apply(bannerId)
                .orElseThrow(() -> new NotFoundException("no banner campaign with id " + bannerId));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        views.recorded(bannerId, userId, action, today);
        if (!banner.live()) return;
        store.record(bannerId, userId, action, today, now);
        String json = "{\"campaignId\":" + Text.jsonString(bannerId) + ",\"placement\":" + Text.jsonString(banner.placement()) + "}";
        events.add(new IncomingEvent(userId, action.eventName(), now,
                new EventProperties(json, List.of("campaignId", "placement")), null));
    }

    public BannerStats stats(String bannerId) {
        return BannerStats.of(store.days(bannerId), store.uniqueViewers(bannerId));
    }

    /** Today (UTC) by this service's clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
