package dev.audience.app;

import dev.audience.banner.BannerTargeting;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.CampaignService.ServableBanner;
import dev.audience.http.api.BannerJson;

import java.time.Instant;
import java.util.Collection;
import java.util.function.Supplier;

/** The banner campaigns serving should show, as the banner index takes them, each encoded for clients once. */
final class ServableBanners implements Supplier<Collection<BannerTargeting>> {
    private final CampaignService campaigns;

    ServableBanners(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public Collection<BannerTargeting> get() {
        return campaigns.servableBanners().stream().map(ServableBanners::targeting).toList();
    }

    private static BannerTargeting targeting(ServableBanner s) {
        var b = s.content();
        Instant from = s.from() == null ? Instant.EPOCH : s.from();
        return new BannerTargeting(s.campaign().id(), b.placement(), b.weight(), s.segments(), s.excludeSegments(), from,
                s.until(), b.maxImpressionsPerDay() == null ? 0 : b.maxImpressionsPerDay(), s.test(),
                BannerJson.encode(s.campaign().id(), b, s.test()));
    }
}
