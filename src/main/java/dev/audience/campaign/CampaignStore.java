package dev.audience.campaign;

import java.util.List;
import java.util.Optional;

/** Where campaigns live (the state store). */
public interface CampaignStore {
    void insert(Campaign c);

    /** Writes {@code c} when the stored campaign is still in status {@code expected}; false when it changed. */
    boolean update(Campaign c, CampaignStatus expected);

    Optional<Campaign> find(String id);

    List<Campaign> list();

    List<Campaign> withStatus(CampaignStatus... statuses);

    void saveBannerTest(BannerTest t);

    /** Banner tests still running at {@code now}. */
    List<BannerTest> bannerTests(java.time.Instant now);
}
