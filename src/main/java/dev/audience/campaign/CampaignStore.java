package dev.audience.campaign;

import java.util.List;
import java.util.Optional;

/** Where campaigns live (the state store). */
public interface CampaignStore {
    void insert(Campaign c);

    /** Writes {@code c} when the stored campaign is still in status {@code expected}; false when it changed. */
    boolean update(Campaign c, CampaignStatus expected);

    Optional<Campaign> find(String id);

    /**
     * Deletes the campaign with its test sends and banner records, in one transaction, when it is still in status
     * {@code expected} and has no row of a real send in the ledger; false (nothing deleted) otherwise.
     */
    boolean delete(String id, CampaignStatus expected);

    /** How many rows of real sends (not tests) the campaign has in the ledger. */
    long realDeliveries(String id);

    List<Campaign> list();

    List<Campaign> withStatus(CampaignStatus... statuses);

    void saveBannerTest(BannerTest t);

    /** Banner tests still running at {@code now}. */
    List<BannerTest> bannerTests(java.time.Instant now);
}
